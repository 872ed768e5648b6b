import { call, get, post } from './api';
import type { FollowUpDialog } from './dialog';
import { announce, formatDateTime, h, icon, toast } from './dom';
import { newNotifications, notificationActions, notificationTitles } from './logic';
import type { AppNotification } from './types';

const POLL_MS = 2000;
const STREAM_URL = '/api/v1/events';

/**
 * The bell, its panel and the live feed. Live updates come from the server-sent events stream GET /api/v1/events
 * (WHATWG HTML §9.2): 'notification' refreshes the panel, 'diary' (a meeting in the user's diary changed, also when
 * nobody was notified, e.g. an invitee accepted) refreshes what is on screen and the open dialog. EventSource
 * reconnects by itself with Last-Event-ID; the server then resends missed notifications and a 'diary' resync. If the
 * stream is missing or refused, the panel polls GET /notifications instead.
 */
export class Notifications {
  readonly bell: HTMLButtonElement;
  readonly panel: HTMLElement;
  private readonly badge = h('span', { class: 'badge', 'aria-hidden': 'true', id: 'bell-count' });
  private readonly list = h('ul', { class: 'notes', id: 'notification-list' });
  private items: AppNotification[] = [];
  private first = true;
  private pollTimer = 0;
  private stream: EventSource | null = null;
  private stopped = false;

  constructor(
    private readonly dialog: FollowUpDialog,
    private readonly diaryChanged: () => void,
  ) {
    this.bell = h('button', { type: 'button', class: 'btn btn-icon bell', id: 'bell', 'aria-haspopup': 'true', 'aria-expanded': 'false', 'aria-controls': 'notification-panel' },
      icon('bell'), this.badge);
    this.bell.addEventListener('click', () => this.toggle());
    const clearAll = h('button', { type: 'button', class: 'btn btn-ghost btn-small', id: 'clear-all' }, 'Clear all');
    clearAll.addEventListener('click', () => void this.clearAll());
    this.panel = h('section', { class: 'note-panel', id: 'notification-panel', role: 'region', 'aria-labelledby': 'note-heading', hidden: true, tabindex: -1 },
      h('div', { class: 'note-head' }, h('h2', { id: 'note-heading' }, 'Notifications'), clearAll),
      this.list);
    this.panel.addEventListener('keydown', ev => {
      if (ev.key === 'Escape') {
        this.toggle(false);
        this.bell.focus();
      }
    });
    document.addEventListener('click', ev => {
      // composedPath, not contains(): a button that replaced itself while handling the click is no longer inside
      const path = ev.composedPath();
      if (!this.panel.hidden && !path.includes(this.panel) && !path.includes(this.bell) && !path.includes(this.dialog.element)) this.toggle(false);
    });
    this.render();
  }

  start(): void {
    this.stopped = false;
    void this.refresh();
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.stream?.close();
    this.stream = null;
    window.clearInterval(this.pollTimer);
  }

  private connect(): void {
    if (typeof EventSource === 'undefined') return this.poll();
    const stream = new EventSource(STREAM_URL, { withCredentials: true });
    this.stream = stream;
    stream.addEventListener('notification', () => void this.refresh());
    stream.addEventListener('diary', () => {
      this.diaryChanged();
      void this.dialog.refreshOpen();
    });
    stream.onopen = () => {
      window.clearInterval(this.pollTimer);
      this.dialog.live = true;
      document.body.dataset.live = 'true';
    };
    stream.onerror = () => {
      this.dialog.live = false;
      document.body.dataset.live = 'false';
      // CLOSED: the stream does not exist here (or refused us); fall back to polling for good.
      if (stream.readyState === EventSource.CLOSED && !this.stopped) {
        this.stream = null;
        this.poll();
      }
    };
  }

  private poll(): void {
    window.clearInterval(this.pollTimer);
    let ticks = 0;
    this.pollTimer = window.setInterval(() => {
      void this.refresh();
      void this.dialog.refreshOpen();
      // the diary itself changes with notifications (handled in refresh) and, less often, without them
      if (++ticks % 5 === 0) this.diaryChanged();
    }, POLL_MS);
  }

  async refresh(): Promise<void> {
    let fresh: AppNotification[];
    try {
      fresh = await get<AppNotification[]>('/notifications');
    } catch {
      return; // a network blip: the next tick tries again
    }
    const arrived = this.first ? [] : newNotifications(this.items, fresh);
    const changed = fresh.length !== this.items.length || arrived.length > 0;
    this.items = fresh;
    this.first = false;
    if (changed) {
      this.render();
      this.diaryChanged();
    }
    if (arrived.length > 0) {
      const n = arrived[arrived.length - 1];
      announce(`${notificationTitles[n.kind]}: ${n.text}`);
      this.popup(n);
    }
  }

  private toggle(force?: boolean): void {
    const open = force ?? this.panel.hidden;
    this.panel.hidden = !open;
    this.bell.setAttribute('aria-expanded', String(open));
    if (open) this.panel.focus();
  }

  private render(): void {
    const count = this.items.length;
    this.badge.textContent = count > 0 ? String(count) : '';
    this.badge.hidden = count === 0;
    this.bell.setAttribute('aria-label', count === 0 ? 'Notifications, none open' : `Notifications, ${count} open`);
    this.bell.dataset.count = String(count);
    this.list.replaceChildren(...(count === 0 ? [h('li', { class: 'empty' }, 'You are all caught up.')] : this.items.map(n => this.item(n))));
  }

  private item(n: AppNotification): HTMLElement {
    const title = h('button', { type: 'button', class: 'note-title link' }, notificationTitles[n.kind]);
    title.addEventListener('click', () => {
      this.toggle(false);
      void this.dialog.open(n.appointmentId, this.bell);
    });
    const actions = h('div', { class: 'btn-row' });
    const li = h('li', { class: `note note-${n.kind}`, 'data-kind': n.kind, 'data-id': String(n.id) },
      h('div', { class: 'note-top' }, title, h('time', { datetime: n.createdAt }, formatDateTime(new Date(n.createdAt)))),
      h('p', { class: 'note-text' }, n.text),
      actions);
    for (const action of notificationActions(n.kind)) {
      if (action === 'accept') {
        const b = h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-action': 'accept' }, icon('check'), ' Accept');
        b.addEventListener('click', () => void this.act(() => post(`/appointments/${n.appointmentId}/accept`), 'Accepted.'));
        actions.append(b);
      } else if (action === 'decline') {
        const b = h('button', { type: 'button', class: 'btn btn-danger btn-small', 'data-action': 'decline' }, icon('x'), ' Decline');
        b.addEventListener('click', () => this.declineForm(n, actions));
        actions.append(b);
      } else {
        const b = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'gotit' }, 'Got it');
        b.addEventListener('click', () => void this.act(() => call('POST', `/notifications/${n.id}/dismiss`), ''));
        actions.append(b);
      }
    }
    return li;
  }

  private async clearAll(): Promise<void> {
    if (this.items.length === 0) return;
    await this.act(() => post('/notifications/dismiss-all'), 'All notifications cleared.');
  }

  /** Decline asks for a reason (optional) right in the panel. */
  private declineForm(n: AppNotification, actions: HTMLElement): void {
    const id = `reason-${n.id}`;
    const reason = h('input', { id, class: 'reason-input', maxlength: 254, placeholder: 'e.g. Customer visit' });
    const send = h('button', { type: 'button', class: 'btn btn-danger btn-small', 'data-action': 'confirm-decline' }, 'Decline');
    const back = h('button', { type: 'button', class: 'btn btn-ghost btn-small' }, 'Back');
    const submit = () => void this.act(() => post(`/appointments/${n.appointmentId}/decline`, { reason: reason.value.trim() || null }), 'Declined. The organiser has been told.');
    send.addEventListener('click', submit);
    reason.addEventListener('keydown', ev => {
      if (ev.key === 'Enter') submit();
    });
    back.addEventListener('click', () => this.render());
    actions.replaceChildren(h('label', { for: id, class: 'small-label' }, 'Reason (optional)'), reason, send, back);
    reason.focus();
  }

  private async act(request: () => Promise<unknown>, message: string): Promise<void> {
    try {
      await request();
      if (message) toast(message);
      await this.refresh();
      this.render();
      this.diaryChanged();
      if (!this.panel.hidden) this.panel.focus();
    } catch (e) {
      toast((e as Error).message, 'error');
      await this.refresh();
      this.render();
    }
  }

  private popup(n: AppNotification): void {
    if (!this.panel.hidden) return;
    const open = h('button', { type: 'button', class: 'btn btn-small' }, 'Open');
    open.addEventListener('click', () => {
      pop.remove();
      this.toggle(true);
    });
    const pop = h('div', { class: 'note-popup', role: 'status', 'data-kind': n.kind },
      h('strong', {}, notificationTitles[n.kind]), h('span', {}, n.text), open);
    document.querySelector('.note-popup')?.remove();
    document.body.append(pop);
    window.setTimeout(() => pop.remove(), 6000);
  }
}
