import { h } from './dom';
import type { SeriesScope } from './logic';

const labels: Record<SeriesScope, string> = {
  this: 'This date',
  following: 'This and following dates',
  series: 'All dates',
};

/**
 * Asks which dates of a repeating meeting a change, cancel or answer is for (Outlook's and Google Calendar's
 * "this / this and following / all"). A modal <dialog> of its own, stacked above the follow-up dialog when that is
 * open: Escape or "Back" answers null, and focus returns where it was.
 */
export function chooseScope(question: string, choices: SeriesScope[], note?: string): Promise<SeriesScope | null> {
  const opener = document.activeElement as HTMLElement | null;
  return new Promise(resolve => {
    let answer: SeriesScope | null = null;
    const buttons = choices.map((scope, i) => {
      const b = h('button', { type: 'button', class: `btn ${i === 0 ? 'btn-primary' : ''}`, id: `scope-${scope}`, 'data-scope': scope }, labels[scope]);
      b.addEventListener('click', () => {
        answer = scope;
        dialog.close();
      });
      return b;
    });
    const back = h('button', { type: 'button', class: 'btn btn-ghost', id: 'scope-back' }, 'Back');
    back.addEventListener('click', () => dialog.close());
    const dialog = h('dialog', { class: 'scope-dialog', id: 'scope-dialog', 'aria-labelledby': 'scope-heading' },
      h('h2', { id: 'scope-heading' }, question),
      note ? h('p', { class: 'hint' }, note) : null,
      h('div', { class: 'scope-choices' }, ...buttons),
      h('div', { class: 'btn-row scope-back' }, back));
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener && opener.isConnected) opener.focus();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    buttons[0]?.focus();
  });
}
