import { call, get, post } from './api';
import type { FollowUpDialog } from './dialog';
import { announce, formatDateTime, formatRange, h, icon, toast } from './dom';
import { isOpenAnswer, newNotifications, notificationActions, notificationTitles, scopeQuery, statusMark } from './logic';
import type { AppNotification, Invitation, InvitationDate } from './types';

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
  // Invitations to repeating meetings with dates still to answer (GET /invitations, one per series, issue 7).
  private invitations: Invitation[] = [];
  private invitationsJson = '';
  private readonly expanded = new Set<number>();
  private readonly invitationList = h('ul', { class: 'notes invitations', id: 'invitation-list' });
  private readonly invitationSection = h('section', { class: 'inv-section', 'aria-labelledby': 'inv-heading', hidden: true },
    h('h3', { id: 'inv-heading' }, 'Repeating meetings to answer'), this.invitationList);
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
      this.list,
      this.invitationSection);
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
      void this.refreshInvitations();
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
      [fresh] = await Promise.all([get<AppNotification[]>('/notifications'), this.refreshInvitations()]);
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

  /** Series with a date still to answer; declined dates come too, so "Show repetitions" shows them as declined. */
  private async refreshInvitations(): Promise<void> {
    let all: Invitation[];
    try {
      all = await get<Invitation[]>('/invitations?include=declined');
    } catch {
      return;
    }
    const series = all.filter(i => i.recurrenceRuleId !== null && (i.dates ?? []).some(d => isOpenAnswer(d.statusCode)));
    const json = JSON.stringify(series);
    if (json === this.invitationsJson) return;
    this.invitationsJson = json;
    this.invitations = series;
    this.renderInvitations();
    this.render(); // a series' notification answers for the whole series
  }

  private seriesOf(appointmentId: number): Invitation | undefined {
    return this.invitations.find(i => i.appointmentId === appointmentId || (i.dates ?? []).some(d => d.appointmentId === appointmentId));
  }

  private renderInvitations(): void {
    this.invitationSection.hidden = this.invitations.length === 0;
    this.invitationList.replaceChildren(...this.invitations.map(i => this.invitationItem(i)));
  }

  /** The seeds' "Show repetitions": the series with Accept all / Decline all, and each date answerable alone. */
  private invitationItem(inv: Invitation): HTMLElement {
    const ruleId = inv.recurrenceRuleId ?? 0;
    const dates = inv.dates ?? [];
    const open = dates.filter(d => isOpenAnswer(d.statusCode));
    const declined = dates.filter(d => d.statusCode === 9);
    const title = h('button', { type: 'button', class: 'note-title link' }, inv.title);
    title.addEventListener('click', () => {
      this.toggle(false);
      void this.dialog.open(inv.appointmentId, this.bell);
    });
    const actions = h('div', { class: 'btn-row' });
    const acceptAll = h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-action': 'accept-all' }, icon('check'),
      declined.length === 0 ? ' Accept all' : ` Accept the ${open.length} open ${open.length === 1 ? 'date' : 'dates'}`);
    acceptAll.addEventListener('click', () => void this.act(async () => {
      if (declined.length === 0) {
        await post(`/appointments/${inv.appointmentId}/accept?scope=series`);
        return;
      }
      // "All" would take back the dates declined on purpose: answer the open ones, one by one.
      for (const d of open) await post(`/appointments/${inv.appointmentId}/accept${scopeQuery('this', d.originalStart)}`);
    }, 'Accepted. The dates are in your diary.'));
    const declineAll = h('button', { type: 'button', class: 'btn btn-danger btn-small', 'data-action': 'decline-all' }, icon('x'), ' Decline all');
    declineAll.addEventListener('click', () => this.reasonForm(`inv-${ruleId}`, actions,
      reason => post(`/appointments/${inv.appointmentId}/decline?scope=series`, { reason }), () => this.renderInvitations()));
    const shown = this.expanded.has(ruleId);
    const toggle = h('button', { type: 'button', class: 'btn btn-ghost btn-small', 'data-action': 'show-dates', 'aria-expanded': String(shown), 'aria-controls': `inv-dates-${ruleId}` },
      shown ? 'Hide repetitions' : 'Show repetitions');
    toggle.addEventListener('click', () => {
      if (this.expanded.has(ruleId)) this.expanded.delete(ruleId);
      else this.expanded.add(ruleId);
      this.renderInvitations();
      this.invitationList.querySelector<HTMLElement>(`li[data-rule-id="${ruleId}"] button[data-action=show-dates]`)?.focus();
    });
    actions.append(acceptAll, declineAll, toggle);
    const first = open[0] ?? dates[0];
    const li = h('li', { class: 'note invitation', 'data-rule-id': String(ruleId), 'data-appointment-id': String(inv.appointmentId) },
      h('div', { class: 'note-top' }, h('span', { class: 'inv-icon' }, icon('repeat')), title),
      h('p', { class: 'note-text' }, `${inv.ownerName} · ${open.length} of ${dates.length} ${dates.length === 1 ? 'date' : 'dates'} to answer`,
        first ? `, next ${formatDateTime(new Date(first.start))}` : ''),
      actions);
    if (shown) li.append(h('ul', { class: 'inv-dates', id: `inv-dates-${ruleId}` }, ...dates.map(d => this.dateItem(inv, d))));
    return li;
  }

  private dateItem(inv: Invitation, d: InvitationDate): HTMLElement {
    const mark = statusMark({ status: d.status, kind: 'Associate' });
    const at = scopeQuery('this', d.originalStart);
    const accept = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'accept-date', 'aria-label': `Accept ${formatDateTime(new Date(d.start))}` }, icon('check'));
    const decline = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'decline-date', 'aria-label': `Decline ${formatDateTime(new Date(d.start))}` }, icon('x'));
    accept.disabled = d.statusCode === 1;
    decline.disabled = d.statusCode === 9;
    accept.addEventListener('click', () => void this.act(() => post(`/appointments/${inv.appointmentId}/accept${at}`), 'Accepted this date.'));
    decline.addEventListener('click', () => void this.act(() => post(`/appointments/${inv.appointmentId}/decline${at}`, { reason: null }), 'Declined this date. The organiser has been told.'));
    return h('li', { class: `inv-date status-${mark.mark}`, 'data-start': d.originalStart, 'data-status': d.status },
      h('span', { class: 'inv-when' }, formatRange(new Date(d.start), new Date(d.end))),
      h('span', { class: 'inv-status' }, mark.label),
      h('span', { class: 'btn-row' }, accept, decline));
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
    // The one "New meeting" of a series (ADR 0014) answers the whole series; the list below answers single dates.
    const series = n.kind === 'NewMeeting' ? this.seriesOf(n.appointmentId) : undefined;
    const scope = series ? '?scope=series' : '';
    for (const action of notificationActions(n.kind)) {
      if (action === 'accept') {
        const b = h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-action': 'accept' }, icon('check'), series ? ' Accept all' : ' Accept');
        b.addEventListener('click', () => void this.act(() => post(`/appointments/${n.appointmentId}/accept${scope}`), 'Accepted.'));
        actions.append(b);
      } else if (action === 'decline') {
        const b = h('button', { type: 'button', class: 'btn btn-danger btn-small', 'data-action': 'decline' }, icon('x'), series ? ' Decline all' : ' Decline');
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
    const scope = n.kind === 'NewMeeting' && this.seriesOf(n.appointmentId) ? '?scope=series' : '';
    this.reasonForm(`reason-${n.id}`, actions, reason => post(`/appointments/${n.appointmentId}/decline${scope}`, { reason }), () => this.render());
  }

  private reasonForm(id: string, actions: HTMLElement, decline: (reason: string | null) => Promise<unknown>, back: () => void): void {
    const reason = h('input', { id, class: 'reason-input', maxlength: 254, placeholder: 'e.g. Customer visit' });
    const send = h('button', { type: 'button', class: 'btn btn-danger btn-small', 'data-action': 'confirm-decline' }, 'Decline');
    const backButton = h('button', { type: 'button', class: 'btn btn-ghost btn-small' }, 'Back');
    const submit = () => void this.act(() => decline(reason.value.trim() || null), 'Declined. The organiser has been told.');
    send.addEventListener('click', submit);
    reason.addEventListener('keydown', ev => {
      if (ev.key === 'Enter') submit();
    });
    backButton.addEventListener('click', back);
    actions.replaceChildren(h('label', { for: id, class: 'small-label' }, 'Reason (optional)'), reason, send, backButton);
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
