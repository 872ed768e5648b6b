import { ApiError, call, get, post } from './api';
import type { FollowUpDialog } from './dialog';
import type { Directory } from './directory';
import { announce, displayZone, formatDay, formatRange, formatTime, h, icon, toast } from './dom';
import { describeProblem, isoDate, placeBlock, startOfDay, startOfWeek, zonedInstant, wallTime } from './logic';
import type { Associate, Candidate, DiaryEntry, GroupView, GroupViewDiary, GroupViewMember } from './types';

/** The hours of a day the timeline shows (the associate's zone): a working day with an hour either side. */
const FIRST_HOUR = 7;
const LAST_HOUR = 19;

type Span = 'day' | 'week';

/**
 * The seeds' View tab: rows of colleagues and rooms, columns of time, busy blocks, for a day or a week. Built with a
 * CSS grid (FullCalendar's resource timeline is a premium plugin). Members are chosen ad hoc or from a saved group
 * view (/api/v1/group-views); the rows come from the API with privacy applied, so others' private meetings arrive as
 * busy time without a title and never reach the page.
 */
export class GroupViewScreen {
  readonly element: HTMLElement;
  private readonly views = h('select', { id: 'gv-view' });
  private readonly memberList = h('div', { class: 'gv-member-list', role: 'group', 'aria-label': 'Members' });
  private readonly membersSummary = h('summary', { class: 'btn' }, 'Members');
  private readonly title = h('h2', { id: 'gv-title', class: 'gv-title' });
  private readonly status = h('div', { class: 'gv-status', role: 'status', id: 'gv-status' });
  private readonly grid = h('div', { class: 'gv-grid', id: 'gv-grid', role: 'table', 'aria-labelledby': 'gv-title' });
  private readonly dayButton = h('button', { type: 'button', class: 'btn btn-small', id: 'gv-day', 'aria-pressed': 'true' }, 'Day');
  private readonly weekButton = h('button', { type: 'button', class: 'btn btn-small', id: 'gv-week', 'aria-pressed': 'false' }, 'Week');
  private readonly deleteButton = h('button', { type: 'button', class: 'btn btn-ghost btn-small', id: 'gv-delete', hidden: true }, 'Delete view');
  private readonly saveArea = h('div', { class: 'gv-save btn-row' });
  private savedViews: GroupView[] = [];
  private members = new Set<number>();
  private span: Span = 'day';
  private anchor: Date;
  private loaded = false;
  private generation = 0;

  constructor(
    private readonly me: Associate,
    private readonly directory: Directory,
    private readonly dialog: FollowUpDialog,
    initialDate?: string,
  ) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(initialDate ?? '');
    this.anchor = m ? zonedInstant(+m[1], +m[2], +m[3], 12, 0, displayZone()) : new Date();
    this.views.addEventListener('change', () => this.viewChosen());
    const prev = h('button', { type: 'button', class: 'btn btn-small', 'aria-label': 'Previous', id: 'gv-prev' }, '‹');
    const next = h('button', { type: 'button', class: 'btn btn-small', 'aria-label': 'Next', id: 'gv-next' }, '›');
    const today = h('button', { type: 'button', class: 'btn btn-small', id: 'gv-today' }, 'Today');
    prev.addEventListener('click', () => this.shift(-1));
    next.addEventListener('click', () => this.shift(1));
    today.addEventListener('click', () => {
      this.anchor = new Date();
      void this.refresh();
    });
    this.dayButton.addEventListener('click', () => this.setSpan('day'));
    this.weekButton.addEventListener('click', () => this.setSpan('week'));
    this.deleteButton.addEventListener('click', () => void this.deleteView());
    const newButton = h('button', { type: 'button', class: 'btn btn-primary', id: 'gv-new-follow-up' }, icon('plus'), h('span', {}, 'New follow-up with these participants'));
    newButton.addEventListener('click', () => this.newFollowUp(newButton));
    this.resetSaveArea();
    const members = h('details', { class: 'gv-members', id: 'gv-members' }, this.membersSummary, this.memberList);
    this.element = h('section', { class: 'groupview card', 'aria-label': 'Group view', id: 'group-view' },
      h('div', { class: 'gv-toolbar' },
        h('div', { class: 'btn-row' }, h('label', { for: 'gv-view' }, 'View'), this.views, members, this.deleteButton),
        h('div', { class: 'btn-row' }, prev, today, next, this.dayButton, this.weekButton),
        newButton),
      this.saveArea,
      this.title,
      this.status,
      this.grid);
  }

  /** Loads the saved views and the directory the first time the tab is shown; later, just the rows. */
  async show(): Promise<void> {
    if (!this.loaded) {
      this.loaded = true;
      try {
        await this.directory.load();
        this.savedViews = await get<GroupView[]>('/group-views');
      } catch (e) {
        this.loaded = false;
        this.fail(e);
        return;
      }
      // Everyone by default, the signed-in user first: a small company sees its whole day at once.
      this.members = new Set([this.me.id, ...this.directory.associates.map(a => a.id)]);
      this.fillViews();
      this.fillMembers();
    }
    await this.refresh();
  }

  /** The first day shown and how many days. */
  private range(): { from: Date; days: number } {
    return this.span === 'day' ? { from: startOfDay(this.anchor, displayZone()), days: 1 } : { from: startOfWeek(this.anchor, displayZone()), days: 7 };
  }

  /** yyyy-MM-dd of the day shown (for the address bar). */
  get date(): string {
    return isoDate(this.anchor, displayZone());
  }

  private shift(direction: number): void {
    this.anchor = startOfDay(this.anchor, displayZone(), direction * (this.span === 'day' ? 1 : 7));
    this.anchor = new Date(this.anchor.getTime() + 12 * 3600000);
    void this.refresh();
  }

  private setSpan(span: Span): void {
    this.span = span;
    this.dayButton.setAttribute('aria-pressed', String(span === 'day'));
    this.weekButton.setAttribute('aria-pressed', String(span === 'week'));
    void this.refresh();
  }

  private fillViews(): void {
    const chosen = this.views.value;
    this.views.replaceChildren(h('option', { value: '' }, 'Members I pick'),
      ...this.savedViews.map(v => h('option', { value: String(v.id) }, v.name)));
    this.views.value = this.savedViews.some(v => String(v.id) === chosen) ? chosen : '';
    this.deleteButton.hidden = this.views.value === '';
  }

  private fillMembers(): void {
    const box = (a: Associate) => {
      const id = `gv-m-${a.id}`;
      const input = h('input', { type: 'checkbox', id, value: String(a.id), checked: this.members.has(a.id) });
      input.addEventListener('change', () => {
        if (input.checked) this.members.add(a.id);
        else this.members.delete(a.id);
        this.views.value = ''; // an edited selection is no longer the saved view
        this.deleteButton.hidden = true;
        void this.refresh();
      });
      return h('div', { class: 'check' }, input, h('label', { for: id }, a.id === this.me.id ? `${a.name} (you)` : a.name));
    };
    const people = this.directory.associates.filter(a => a.kind === 'Employee');
    const rooms = this.directory.associates.filter(a => a.kind === 'Resource');
    this.memberList.replaceChildren(
      h('p', { class: 'small-label' }, 'Colleagues'), ...people.map(box),
      h('p', { class: 'small-label' }, 'Rooms and resources'), ...rooms.map(box));
    this.membersSummary.textContent = `Members (${this.members.size})`;
  }

  private viewChosen(): void {
    const view = this.savedViews.find(v => String(v.id) === this.views.value);
    this.deleteButton.hidden = !view;
    if (view) this.members = new Set(view.memberIds);
    this.fillMembers();
    void this.refresh();
  }

  private resetSaveArea(): void {
    const save = h('button', { type: 'button', class: 'btn btn-ghost btn-small', id: 'gv-save' }, 'Save as group view…');
    save.addEventListener('click', () => {
      const name = h('input', { id: 'gv-name', maxlength: 100, placeholder: 'e.g. Sales team' });
      const ok = h('button', { type: 'button', class: 'btn btn-small btn-primary', id: 'gv-save-confirm' }, 'Save');
      const cancel = h('button', { type: 'button', class: 'btn btn-small btn-ghost' }, 'Cancel');
      ok.addEventListener('click', () => void this.saveView(name.value.trim()));
      name.addEventListener('keydown', ev => {
        if (ev.key === 'Enter') void this.saveView(name.value.trim());
        if (ev.key === 'Escape') this.resetSaveArea();
      });
      cancel.addEventListener('click', () => this.resetSaveArea());
      this.saveArea.replaceChildren(h('label', { for: 'gv-name' }, 'Name of the group view'), name, ok, cancel);
      name.focus();
    });
    this.saveArea.replaceChildren(save);
  }

  private async saveView(name: string): Promise<void> {
    if (!name) {
      toast('Give the group view a name.', 'error');
      return;
    }
    try {
      const view = await post<GroupView>('/group-views', { name, memberIds: [...this.members] });
      this.savedViews.push(view);
      this.fillViews();
      this.views.value = String(view.id);
      this.deleteButton.hidden = false;
      this.resetSaveArea();
      toast(`Saved the group view '${view.name}'.`);
      void this.refresh();
    } catch (e) {
      toast(`The group view could not be saved. ${this.problem(e, 'save')}`, 'error');
    }
  }

  private async deleteView(): Promise<void> {
    const view = this.savedViews.find(v => String(v.id) === this.views.value);
    if (!view) return;
    try {
      await call('DELETE', `/group-views/${view.id}`);
      this.savedViews = this.savedViews.filter(v => v !== view);
      this.fillViews();
      toast(`Deleted the group view '${view.name}'.`);
    } catch (e) {
      toast(`The group view could not be deleted. ${this.problem(e, 'save')}`, 'error');
    }
  }

  /** Reloads the rows (also on a live 'diary' event while the tab is shown). */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const { from, days } = this.range();
    const to = startOfDay(from, displayZone(), days);
    const label = days === 1 ? formatDay(from) : `${formatDay(from)} – ${formatDay(startOfDay(from, displayZone(), 6))}`;
    this.title.textContent = `Group view, ${label}`;
    this.element.setAttribute('aria-busy', 'true');
    this.status.classList.remove('error');
    this.status.textContent = 'Loading…';
    try {
      const rows = await this.load(from, to);
      if (generation !== this.generation) return; // a later navigation won
      this.render(rows, from, days);
      this.status.textContent = rows.length === 0 ? 'Pick the members to show.' : '';
      history.replaceState(null, '', `#tab=group&date=${this.date}`);
    } catch (e) {
      if (generation !== this.generation) return;
      this.fail(e);
    } finally {
      if (generation === this.generation) this.element.setAttribute('aria-busy', 'false');
    }
  }

  private async load(from: Date, to: Date): Promise<GroupViewMember[]> {
    const range = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
    if (this.views.value !== '') {
      return (await get<GroupViewDiary>(`/group-views/${this.views.value}/diary?${range}`)).members;
    }
    // Members picked ad hoc: each one's diary (privacy applied by the server), in the directory's order.
    const ordered = [this.me.id, ...this.directory.associates.map(a => a.id).filter(id => id !== this.me.id)].filter(id => this.members.has(id));
    return Promise.all(ordered.map(async id => {
      const a = this.directory.associates.find(x => x.id === id);
      const entries = await get<DiaryEntry[]>(`/diary?associateId=${id}&${range}`);
      return { associateId: id, name: a?.name ?? `#${id}`, kind: a?.kind ?? 'Employee', entries };
    }));
  }

  private render(rows: GroupViewMember[], from: Date, days: number): void {
    const columns = days === 1 ? LAST_HOUR - FIRST_HOUR : days;
    const labels: string[] = [];
    for (let i = 0; i < columns; i++) {
      labels.push(days === 1 ? `${String(FIRST_HOUR + i).padStart(2, '0')}:00` : formatDay(startOfDay(from, displayZone(), i), true));
    }
    const scale = h('div', { class: 'gv-track gv-scale', role: 'columnheader' }, ...labels.map(l => h('span', { class: 'gv-col-label' }, l)));
    scale.style.gridTemplateColumns = `repeat(${columns}, 1fr)`;
    const head = h('div', { class: 'gv-row gv-head', role: 'row' }, h('div', { class: 'gv-name', role: 'columnheader' }, 'Member'), scale);
    const body = rows.map(member => {
      const track = h('div', { class: 'gv-track', role: 'cell' });
      track.style.gridTemplateColumns = `repeat(${columns}, 1fr)`;
      for (let i = 0; i < columns; i++) track.append(h('span', { class: 'gv-col', 'aria-hidden': 'true' }));
      const entries = member.entries.filter(e => !e.free && e.status !== 'Declined' && e.status !== 'Cancelled');
      for (const entry of entries) {
        for (const piece of placeBlock(new Date(entry.start), new Date(entry.end), from, days, FIRST_HOUR, LAST_HOUR, displayZone())) {
          track.append(this.block(entry, piece.left, piece.width));
        }
      }
      const kind = member.kind === 'Resource' ? h('span', { class: 'kind kind-resource' }, 'Room / resource') : null;
      return h('div', { class: 'gv-row', role: 'row', 'data-associate-id': String(member.associateId), 'data-name': member.name },
        h('div', { class: 'gv-name', role: 'rowheader' }, h('span', { class: 'att-name' }, member.name), kind,
          h('span', { class: 'sr-only' }, entries.length === 0 ? 'free' : `${entries.length} booked`)),
        track);
    });
    this.grid.replaceChildren(head, ...body);
    this.membersSummary.textContent = `Members (${this.members.size})`;
  }

  private block(entry: DiaryEntry, left: number, width: number): HTMLElement {
    const when = `${formatTime(new Date(entry.start))}–${formatTime(new Date(entry.end))}`;
    // Busy-only rows carry no title (another's private meeting): nothing but "Busy" can be shown.
    const text = entry.busyOnly ? 'Busy' : (entry.title ?? '');
    const cls = ['gv-block', entry.busyOnly ? 'gv-busy' : '', entry.pending ? 'gv-pending' : ''].filter(Boolean).join(' ');
    const el = h('span', { class: cls, title: `${text}, ${formatRange(new Date(entry.start), new Date(entry.end))}`, 'data-busy-only': String(entry.busyOnly) },
      h('span', { class: 'gv-block-text' }, text), h('span', { class: 'sr-only' }, `, ${when}`));
    el.style.left = `${(left * 100).toFixed(3)}%`;
    el.style.width = `${Math.max(width * 100, 0.6).toFixed(3)}%`;
    if (!entry.busyOnly && entry.appointmentId !== null) {
      el.tabIndex = 0;
      el.setAttribute('role', 'button');
      const open = () => void this.dialog.open(entry.appointmentId!, el);
      el.addEventListener('click', open);
      el.addEventListener('keydown', ev => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          open();
        }
      });
    }
    return el;
  }

  /** The follow-up dialog with the members as participants, at the next free-looking hour of the day shown. */
  private newFollowUp(opener: HTMLElement): void {
    const zone = displayZone();
    const day = wallTime(this.anchor, zone);
    const now = new Date();
    let start = zonedInstant(day.year, day.month, day.day, 9, 0, zone);
    if (isoDate(now, zone) === isoDate(this.anchor, zone)) {
      const n = wallTime(now, zone);
      start = zonedInstant(n.year, n.month, n.day, n.hour + 1, 0, zone);
    }
    const participants: Candidate[] = [];
    for (const id of this.members) {
      const a = this.directory.associates.find(x => x.id === id);
      if (!a || a.id === this.me.id) continue;
      participants.push(a.kind === 'Resource'
        ? { key: `a${a.id}`, kind: 'Resource', associateId: a.id, name: a.name, detail: a.isLocation ? 'Room' : 'Resource' }
        : { key: `a${a.id}`, kind: 'Associate', associateId: a.id, name: a.name, detail: a.userName ?? 'Colleague' });
    }
    this.dialog.openNew({ start, end: new Date(start.getTime() + 3600000) }, opener, participants);
    announce(`New follow-up with ${participants.length} participants`);
  }

  private problem(e: unknown, context: 'load' | 'save'): string {
    return e instanceof ApiError ? describeProblem(e.status, e.message, context) : String(e);
  }

  private fail(e: unknown): void {
    this.status.textContent = `The group view could not be loaded. ${this.problem(e, 'load')}`;
    this.status.classList.add('error');
  }
}
