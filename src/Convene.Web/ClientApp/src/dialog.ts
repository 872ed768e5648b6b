import { ApiError, call, get } from './api';
import type { Directory } from './directory';
import { announce, displayZone, formatDateTime, formatDay, formatRange, h, icon, seriesZone, toast } from './dom';
import {
  apiFirstAvailable, canMoveDatesToAnotherDay, defaultRepeat, describeProblem, describeRecurrence, describeRepeat, exdateLines, firstAvailable, fromLocalInput, isoDate, monthlyChoices,
  overlaps, recurrenceLines, scopeQuery, searchCandidates, startOfDay, statusMark, toLocalInput, wallTime, type Interval, type RepeatFrequency, type RepeatSpec, type SeriesScope,
} from './logic';
import { chooseScope } from './scope';
import type { Appointment, Associate, Candidate, DiaryEntry, Participant, SeriesValidation } from './types';

type Mode = 'new' | 'owner' | 'invitee' | 'viewer';

/** What the attendee list shows, whether the meeting exists yet or not. */
interface Row {
  key: string;
  name: string;
  kind: Participant['kind'];
  associateId: number | null;
  personId: number | null;
  participant: Participant | null;
  conflict: boolean;
}

const POLL_MS = 2000;

/**
 * The Follow-up dialog: create, edit (owner), answer (invitee) or look at (others) a meeting. A native modal
 * <dialog>: focus moves into it, Escape closes it, the page behind is inert, and focus returns to the opener.
 */
export class FollowUpDialog {
  readonly element: HTMLDialogElement;
  onChanged: () => void;
  private mode: Mode = 'new';
  private meeting: Appointment | null = null;
  private etag: string | null = null;
  private loadedFields = '';
  private rows: Row[] = [];
  private opener: HTMLElement | null = null;
  private pollTimer = 0;
  private availabilityTimer = 0;
  private suggested: Date | null = null;
  private busy = false;

  private readonly heading = h('h2', { id: 'fu-heading' });
  private readonly subtitle = h('p', { class: 'fu-subtitle' });
  private readonly notice = h('div', { class: 'fu-notice', 'aria-live': 'polite' });
  private readonly title = h('input', { id: 'fu-title', name: 'title', required: true, maxlength: 254, autocomplete: 'off' });
  private readonly start = h('input', { id: 'fu-start', name: 'start', type: 'datetime-local', required: true, step: 900 });
  private readonly end = h('input', { id: 'fu-end', name: 'end', type: 'datetime-local', required: true, step: 900 });
  private readonly location = h('input', { id: 'fu-location', name: 'location', maxlength: 254, autocomplete: 'off' });
  private readonly description = h('textarea', { id: 'fu-description', name: 'description', rows: 3 });
  private readonly isPrivate = h('input', { id: 'fu-private', name: 'private', type: 'checkbox' });
  private readonly isFree = h('input', { id: 'fu-free', name: 'free', type: 'checkbox' });
  private readonly search = h('input', {
    id: 'fu-search', type: 'search', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
    'aria-controls': 'fu-results', placeholder: 'Add colleagues, rooms or contact persons', autocomplete: 'off',
  });
  private readonly results = h('ul', { id: 'fu-results', role: 'listbox', class: 'picker-results', 'aria-label': 'Matching participants' });
  private readonly attendees = h('tbody', {});
  private readonly attendeeTable = h('table', { class: 'attendees', 'aria-describedby': 'fu-legend' },
    h('caption', { class: 'sr-only' }, 'Attendees and resources'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Actions')))),
    this.attendees);
  private readonly answerBar = h('div', { class: 'answer-bar' });
  private readonly formError = h('p', { class: 'form-error', role: 'alert' });
  private readonly footer = h('div', { class: 'fu-footer' });
  private readonly form: HTMLFormElement;
  private activeOption = -1;
  private options: Candidate[] = [];

  // The Repeat control (issue 7), shown for a new follow-up: its choice, and the dates the organiser left out after
  // seeing their conflicts (POST /appointments/validate, the seeds' ValidateDays).
  private repeat: RepeatSpec = defaultRepeat(new Date());
  private weekdaysTouched = false;
  private reviewed = false;
  private readonly skipped = new Set<string>();
  private readonly repeatSelect = h('select', { id: 'fu-repeat', name: 'repeat' },
    h('option', { value: 'none' }, 'Does not repeat'),
    h('option', { value: 'daily' }, 'Daily'),
    h('option', { value: 'weekly' }, 'Weekly'),
    h('option', { value: 'monthly' }, 'Monthly'),
    h('option', { value: 'yearly' }, 'Yearly'),
    h('option', { value: 'custom' }, 'On chosen dates'));
  private readonly repeatDetails = h('div', { class: 'repeat-details', id: 'fu-repeat-details' });
  private readonly repeatSummary = h('p', { class: 'repeat-summary', id: 'fu-repeat-summary', 'aria-live': 'polite' });
  private readonly repeatBox = h('fieldset', { class: 'repeat span-2', id: 'fu-repeat-box' },
    h('legend', {}, 'Repeat'),
    h('div', { class: 'repeat-row' }, h('label', { for: 'fu-repeat', class: 'sr-only' }, 'Repeat'), this.repeatSelect, this.repeatSummary),
    this.repeatDetails);
  private readonly review = h('div', { class: 'fu-review span-2', id: 'fu-review', hidden: true });

  constructor(
    private readonly me: Associate,
    private readonly directory: Directory,
    onChanged: () => void,
  ) {
    this.onChanged = onChanged;
    const close = h('button', { type: 'button', class: 'btn btn-icon', 'aria-label': 'Close' }, icon('x'));
    close.addEventListener('click', () => this.close());
    const field = (label: string, input: HTMLElement, cls = '') => h('div', { class: `field ${cls}` }, h('label', { for: input.id }, label), input);
    const check = (label: string, input: HTMLInputElement, hint: string) =>
      h('div', { class: 'check' }, input, h('label', { for: input.id }, label, h('span', { class: 'hint' }, hint)));
    this.form = h('form', { class: 'fu-form', novalidate: true },
      h('div', { class: 'fu-header' }, h('div', {}, this.heading, this.subtitle), close),
      h('div', { class: 'fu-body' },
        this.notice,
        field('Title', this.title, 'span-2'),
        field('Start', this.start),
        field('End', this.end),
        field('Location', this.location, 'span-2'),
        field('Description', this.description, 'span-2'),
        h('div', { class: 'checks span-2' },
          check('Private', this.isPrivate, 'Others see only that you are busy'),
          check('Free', this.isFree, 'Does not block the time')),
        this.repeatBox,
        h('fieldset', { class: 'participants span-2' },
          h('legend', {}, 'Participants'),
          h('div', { class: 'picker' }, h('label', { for: 'fu-search', class: 'sr-only' }, 'Add participant'), this.search, this.results),
          this.attendeeTable,
          h('p', { class: 'legend', id: 'fu-legend' }, '✓ accepted · ✗ declined · ', icon('eye'), ' seen · unmarked: not seen')),
        this.review,
        this.answerBar,
        this.formError),
      this.footer);
    this.form.addEventListener('submit', ev => {
      ev.preventDefault();
      void this.save();
    });
    this.element = h('dialog', { class: 'followup', id: 'follow-up', 'aria-labelledby': 'fu-heading' }, this.form);
    this.element.addEventListener('close', () => this.closed());
    this.element.addEventListener('click', ev => {
      if (ev.target === this.element) this.close(); // a click on the backdrop
    });
    this.search.addEventListener('input', () => this.showResults());
    this.search.addEventListener('keydown', ev => this.searchKey(ev));
    this.search.addEventListener('blur', () => window.setTimeout(() => this.hideResults(), 150));
    for (const input of [this.start, this.end]) input.addEventListener('change', () => this.timesChanged(input));
    this.repeatSelect.addEventListener('change', () => {
      this.repeat.frequency = this.repeatSelect.value as RepeatFrequency;
      this.renderRepeat();
    });
    // Any change of the form after the conflict review asks for a fresh review before saving.
    this.form.addEventListener('input', ev => {
      if (!this.review.contains(ev.target as Node)) this.hideReview();
    });
  }

  /** True while the live event stream is connected: it refreshes the open meeting, so the dialog need not poll. */
  live = false;

  /** A new follow-up for the given slot (the owner is the signed-in user), optionally with participants chosen. */
  openNew(slot: { start: Date; end: Date }, opener?: HTMLElement, participants: Candidate[] = []): void {
    this.reset('new', opener ?? (document.activeElement as HTMLElement | null));
    this.heading.textContent = 'New follow-up';
    this.subtitle.textContent = `Organiser: ${this.me.name}`;
    this.start.value = toLocalInput(slot.start, displayZone());
    this.end.value = toLocalInput(slot.end, displayZone());
    this.repeat = defaultRepeat(slot.start, seriesZone());
    this.repeatSelect.value = 'none';
    this.renderRepeat();
    for (const c of participants) {
      if (c.associateId === this.me.id) continue;
      this.rows.push({ key: c.key, name: c.name, kind: c.kind, associateId: c.associateId ?? null, personId: c.personId ?? null, participant: null, conflict: false });
    }
    this.renderAll();
    if (this.rows.length > 0) this.scheduleAvailability();
    this.element.showModal();
    this.title.focus();
  }

  /** An existing meeting by any of its row ids; an invitee's open marks the invitation seen. */
  async open(appointmentId: number, opener?: HTMLElement): Promise<void> {
    this.reset('viewer', opener ?? (document.activeElement as HTMLElement | null));
    this.heading.textContent = 'Follow-up';
    this.subtitle.textContent = 'Loading…';
    this.renderAll();
    this.element.showModal();
    try {
      await this.load(appointmentId);
      const mine = this.myRow();
      if (this.mode === 'invitee' && mine && (mine.status === 'NotSeen' || mine.status === 'Moved' || mine.status === 'Assigned')) {
        const seen = await call<Appointment>('POST', `/appointments/${this.meeting!.id}/seen`);
        this.apply(seen.body, seen.etag);
        this.onChanged();
      }
      this.startPolling();
      (this.mode === 'owner' ? this.title : this.element.querySelector<HTMLElement>('.answer-bar button, .fu-header button'))?.focus();
    } catch (e) {
      this.subtitle.textContent = '';
      this.formError.textContent = `The meeting could not be opened. ${e instanceof ApiError ? describeProblem(e.status, e.message, 'load') : String(e)}`;
    }
  }

  close(): void {
    if (this.element.open) this.element.close();
  }

  /** Called on a live update (server-sent event or poll): refreshes the open meeting's attendee list. */
  async refreshOpen(): Promise<void> {
    if (!this.element.open || !this.meeting || this.busy) return;
    try {
      const fresh = await call<Appointment>('GET', `/appointments/${this.meeting.id}`);
      this.apply(fresh.body, fresh.etag, true);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        this.notice.replaceChildren(h('p', { class: 'banner banner-warn' }, 'This meeting is no longer in your diary.'));
        this.stopPolling();
      }
    }
  }

  private reset(mode: Mode, opener: HTMLElement | null): void {
    this.stopPolling();
    this.mode = mode;
    this.meeting = null;
    this.etag = null;
    this.rows = [];
    this.suggested = null;
    this.opener = opener;
    this.form.reset();
    this.formError.textContent = '';
    this.notice.replaceChildren();
    this.answerBar.replaceChildren();
    this.weekdaysTouched = false;
    this.skipped.clear();
    this.hideReview();
  }

  private async load(id: number): Promise<void> {
    const result = await call<Appointment>('GET', `/appointments/${id}`);
    this.apply(result.body, result.etag);
  }

  /** Shows a meeting; a background refresh keeps what the owner is typing and updates only the attendees. */
  private apply(meeting: Appointment, etag: string | null, background = false): void {
    const fields = this.fieldsOf(meeting);
    const formDirty = background && this.mode === 'owner' && this.currentFields() !== this.loadedFields;
    this.meeting = meeting;
    if (!formDirty || fields === this.loadedFields) this.etag = etag;
    this.mode = meeting.ownerId === this.me.id ? 'owner' : this.myRow() ? 'invitee' : 'viewer';
    if (!background || !formDirty) {
      this.title.value = meeting.title;
      this.start.value = toLocalInput(new Date(meeting.start), displayZone());
      this.end.value = toLocalInput(new Date(meeting.end), displayZone());
      this.location.value = meeting.location ?? '';
      this.description.value = meeting.description ?? '';
      this.isPrivate.checked = meeting.private;
      this.isFree.checked = meeting.free;
      this.loadedFields = fields;
    }
    this.rows = meeting.participants.map(p => ({
      key: p.associateId !== null ? `a${p.associateId}` : `p${p.personId}`,
      name: p.name,
      kind: p.kind,
      associateId: p.associateId,
      personId: p.personId,
      participant: p,
      conflict: p.conflict,
    }));
    this.heading.textContent = meeting.title || 'Follow-up';
    this.subtitle.textContent = `${formatRange(new Date(meeting.start), new Date(meeting.end))} · Organiser: ${meeting.ownerName}`;
    this.suggested = apiFirstAvailable(meeting);
    this.renderAll();
    if (this.mode === 'owner' && meeting.hasConflict && !this.suggested) this.scheduleAvailability();
  }

  private fieldsOf(m: Appointment): string {
    return JSON.stringify([m.title, toLocalInput(new Date(m.start), displayZone()), toLocalInput(new Date(m.end), displayZone()), m.location ?? '', m.description ?? '', m.private, m.free]);
  }

  private currentFields(): string {
    return JSON.stringify([this.title.value, this.start.value, this.end.value, this.location.value, this.description.value, this.isPrivate.checked, this.isFree.checked]);
  }

  /** The signed-in user's own row: their invitation, or the master row while it is assigned to them (issue 9). */
  private myRow(): Participant | undefined {
    return this.meeting?.participants.find(p => p.kind === 'Associate' && p.associateId === this.me.id)
      ?? this.meeting?.participants.find(p => p.kind === 'Owner' && p.associateId === this.me.id && isAssignment(p));
  }

  /** The owner's row while an assignment waits for an answer (statuses 11, 12). */
  private pendingAssignment(): Participant | undefined {
    return this.meeting?.participants.find(p => p.kind === 'Owner' && isAssignment(p));
  }

  private get editable(): boolean {
    return (this.mode === 'new' || this.mode === 'owner') && !this.meeting?.cancelled;
  }

  private renderAll(): void {
    const editable = this.editable;
    for (const input of [this.title, this.start, this.end, this.location, this.description]) {
      (input as HTMLInputElement).readOnly = !editable;
    }
    this.isPrivate.disabled = !editable;
    this.isFree.disabled = !editable;
    this.search.hidden = !editable;
    this.repeatBox.hidden = this.mode !== 'new';
    this.element.dataset.mode = this.mode;
    this.renderNotice();
    this.renderAttendees();
    this.renderAnswerBar();
    this.renderFooter();
  }

  private renderNotice(): void {
    const parts: HTMLElement[] = [];
    if (this.meeting?.cancelled) parts.push(h('p', { class: 'banner banner-warn' }, 'This meeting has been cancelled.'));
    if (this.mode === 'viewer' && this.meeting) parts.push(h('p', { class: 'banner' }, icon('lock'), ' Only the organiser can change this meeting.'));
    const series = this.seriesBanner();
    if (series) parts.push(series);
    const assigned = this.pendingAssignment();
    if (this.mode === 'invitee' && this.myRow()?.kind === 'Owner') {
      parts.push(h('p', { class: 'banner', id: 'fu-assigned-to-me' }, `${this.meeting?.ownerName ?? 'The organiser'} assigns this meeting to you. Accept to become its organiser.`));
    } else if (this.mode === 'invitee') {
      parts.push(h('p', { class: 'banner' }, icon('lock'), ` ${this.meeting?.ownerName ?? 'The organiser'} owns this meeting; you can accept or decline it.`));
    }
    if (this.mode === 'owner' && assigned) {
      const takeBack = h('button', { type: 'button', class: 'btn btn-small', id: 'fu-take-back' }, 'Take back');
      takeBack.addEventListener('click', () => void this.takeBack());
      parts.push(h('div', { class: 'banner', id: 'fu-assignment' }, h('span', {}, `Assigned to ${assigned.name}; waiting for their answer. `), takeBack));
    }
    const conflicted = this.rows.filter(r => r.conflict);
    if (conflicted.length > 0) {
      const warn = h('div', { class: 'banner banner-conflict', id: 'fu-conflict' },
        h('span', { class: 'bang', 'aria-hidden': 'true' }, '!'),
        h('span', {}, `Conflict: ${conflicted.map(r => r.name).join(', ')} ${conflicted.length === 1 ? 'is' : 'are'} already booked at this time.`));
      if (this.suggested) {
        const apply = h('button', { type: 'button', class: 'btn btn-small', id: 'fu-apply-first' }, 'Apply');
        apply.hidden = !this.editable;
        apply.addEventListener('click', () => this.applySuggested());
        warn.append(h('span', { class: 'first-available' }, 'First available: ', h('strong', { id: 'fu-first-available' }, formatDateTime(this.suggested))), apply);
      }
      parts.push(warn);
    }
    this.notice.replaceChildren(...parts);
  }

  private renderAttendees(): void {
    const rows: HTMLElement[] = [];
    const ownerRow: Row | null = this.mode === 'new'
      ? { key: `a${this.me.id}`, name: this.me.name, kind: 'Owner', associateId: this.me.id, personId: null, participant: null, conflict: false }
      : null;
    for (const row of ownerRow ? [ownerRow, ...this.rows] : this.rows) {
      const p = row.participant;
      const mark = p ? statusMark(p) : row.kind === 'Owner' ? statusMark({ status: 'Owner', kind: 'Owner' }) : { mark: 'new', symbol: '', label: 'Invited when saved' };
      const symbol = mark.symbol === 'eye' ? icon('eye') : mark.symbol === '✓' ? icon('check') : mark.symbol === '✗' ? icon('x') : null;
      const statusCell = h('td', { class: `status status-${mark.mark}`, 'data-status': p?.status ?? 'New' },
        h('span', { class: 'symbol', 'aria-hidden': 'true', 'data-symbol': mark.symbol }, symbol ?? ''),
        h('span', { class: 'status-text' }, mark.label),
        row.conflict ? h('span', { class: 'conflict-badge' }, h('span', { class: 'bang', 'aria-hidden': 'true' }, '!'), ' Conflict') : null,
        p?.rejectReason ? h('span', { class: 'reason' }, `“${p.rejectReason}”`) : null);
      const kindLabel = row.kind === 'Resource' ? 'Resource' : row.kind === 'Person' ? 'External' : row.kind === 'Owner' ? 'Organiser' : 'Colleague';
      const actions = h('td', { class: 'row-actions' });
      if (this.editable && row.kind !== 'Owner' && p?.status !== 'Cancelled') {
        const remove = h('button', { type: 'button', class: 'btn btn-icon btn-small', 'aria-label': `Remove ${row.name}` }, icon('x'));
        remove.addEventListener('click', () => void this.removeRow(row));
        actions.append(remove);
      }
      rows.push(h('tr', { 'data-name': row.name, class: row.conflict ? 'has-conflict' : '' },
        h('td', {}, h('span', { class: 'att-name' }, row.name), h('span', { class: `kind kind-${row.kind.toLowerCase()}` }, kindLabel)),
        statusCell, actions));
    }
    if (rows.length === 0) rows.push(h('tr', {}, h('td', { colspan: 3, class: 'empty' }, 'No participants yet.')));
    this.attendees.replaceChildren(...rows);
  }

  private renderAnswerBar(): void {
    const mine = this.myRow();
    if (this.mode !== 'invitee' || !mine || this.meeting?.cancelled || mine.status === 'Cancelled') {
      this.answerBar.replaceChildren();
      return;
    }
    const state = statusMark(mine);
    const accept = h('button', { type: 'button', class: 'btn btn-primary', id: 'fu-accept' }, icon('check'), ' Accept');
    const decline = h('button', { type: 'button', class: 'btn btn-danger', id: 'fu-decline' }, icon('x'), ' Decline');
    // on a date of a series the other dates may still want an answer
    accept.disabled = mine.status === 'Accepted' && !this.meeting?.recurrenceRuleId;
    decline.disabled = mine.status === 'Declined' && !this.meeting?.recurrenceRuleId;
    accept.addEventListener('click', () => void this.answer('accept'));
    decline.addEventListener('click', () => this.askReason(decline));
    this.answerBar.replaceChildren(h('p', { class: 'your-answer' }, `Your answer: ${state.label}`), h('div', { class: 'btn-row' }, accept, decline));
  }

  private askReason(opener: HTMLElement): void {
    const reason = h('textarea', { id: 'fu-reason', rows: 2, maxlength: 254, placeholder: 'e.g. Customer visit' });
    const confirm = h('button', { type: 'button', class: 'btn btn-danger', id: 'fu-confirm-decline' }, 'Decline invitation');
    const back = h('button', { type: 'button', class: 'btn btn-ghost' }, 'Back');
    confirm.addEventListener('click', () => void this.answer('decline', reason.value.trim() || undefined));
    back.addEventListener('click', () => {
      this.renderAnswerBar();
      this.answerBar.querySelector<HTMLElement>('#fu-decline')?.focus();
    });
    void opener;
    this.answerBar.replaceChildren(h('div', { class: 'field' }, h('label', { for: 'fu-reason' }, 'Reason for declining (optional, the organiser sees it)'), reason), h('div', { class: 'btn-row' }, confirm, back));
    reason.focus();
  }

  private renderFooter(): void {
    const buttons: HTMLElement[] = [];
    if (this.mode === 'owner' && this.meeting && !this.meeting.cancelled) {
      const cancel = h('button', { type: 'button', class: 'btn btn-danger-ghost', id: 'fu-cancel-meeting' }, 'Cancel meeting');
      cancel.addEventListener('click', () => (this.meeting?.recurrenceRuleId ? void this.cancelMeeting() : this.confirmCancel()));
      buttons.push(cancel);
      if (!this.pendingAssignment()) {
        const assign = h('button', { type: 'button', class: 'btn btn-ghost', id: 'fu-assign' }, 'Assign to…');
        assign.addEventListener('click', () => void this.assignForm());
        buttons.push(assign);
      }
    }
    buttons.push(h('span', { class: 'spacer' }));
    const close = h('button', { type: 'button', class: 'btn btn-ghost' }, this.editable ? 'Discard' : 'Close');
    close.addEventListener('click', () => this.close());
    buttons.push(close);
    if (this.editable) buttons.push(h('button', { type: 'submit', class: 'btn btn-primary', id: 'fu-save' }, this.mode === 'new' ? 'Book meeting' : 'Save changes'));
    this.footer.replaceChildren(...buttons);
  }

  /**
   * "Assign to…" (issue 9): the colleagues who could take the meeting over, each marked when they are busy at its time
   * (the seeds' assign dialog marks conflicts and can hide them).
   */
  private async assignForm(): Promise<void> {
    const meeting = this.meeting;
    if (!meeting) return;
    await this.directory.load();
    const slot: Interval = { start: new Date(meeting.start).getTime(), end: new Date(meeting.end).getTime() };
    const colleagues = this.directory.associates.filter(a => a.kind === 'Employee' && a.id !== this.me.id);
    const conflicts = new Set<number>();
    await Promise.all(colleagues.map(async a => {
      try {
        const entries = await get<DiaryEntry[]>(`/diary?associateId=${a.id}&from=${meeting.start}&to=${meeting.end}`);
        if (entries.some(x => !x.free && x.appointmentId !== meeting.id && overlaps(slot, { start: new Date(x.start).getTime(), end: new Date(x.end).getTime() }))) conflicts.add(a.id);
      } catch {
        // the mark is a convenience; the assignment itself does not depend on it
      }
    }));
    const select = h('select', { id: 'fu-assign-to' });
    const hide = h('input', { id: 'fu-hide-conflicts', type: 'checkbox' });
    const fill = () => select.replaceChildren(...colleagues
      .filter(a => !(hide.checked && conflicts.has(a.id)))
      .map(a => h('option', { value: String(a.id), 'data-conflict': String(conflicts.has(a.id)) }, conflicts.has(a.id) ? `${a.name} (! conflict)` : a.name)));
    fill();
    hide.addEventListener('change', fill);
    const note = h('input', { id: 'fu-assign-note', maxlength: 254, placeholder: 'e.g. You know the customer' });
    const confirm = h('button', { type: 'button', class: 'btn btn-primary', id: 'fu-confirm-assign' }, 'Assign');
    const back = h('button', { type: 'button', class: 'btn btn-ghost' }, 'Back');
    confirm.addEventListener('click', () => void this.assign(Number(select.value), note.value.trim() || null));
    back.addEventListener('click', () => this.renderFooter());
    this.footer.replaceChildren(
      h('label', { for: 'fu-assign-to', class: 'small-label' }, 'Assign to'), select,
      h('label', { class: 'small-label' }, hide, ' Hide conflicts'),
      h('label', { for: 'fu-assign-note', class: 'small-label' }, 'Note'), note,
      h('span', { class: 'spacer' }), back, confirm);
    select.focus();
  }

  private async assign(associateId: number, note: string | null): Promise<void> {
    if (!associateId) return;
    await this.run(async () => {
      const result = await call<Appointment>('POST', `/appointments/${this.meeting!.id}/assign`, { associateId, note });
      this.apply(result.body, result.etag);
      this.onChanged();
      toast('Assigned. You stay the organiser until they accept.');
    });
  }

  private async takeBack(): Promise<void> {
    await this.run(async () => {
      const result = await call<Appointment>('POST', `/appointments/${this.meeting!.id}/take-back`);
      this.apply(result.body, result.etag);
      this.onChanged();
      toast('Assignment taken back.');
    });
  }

  private confirmCancel(): void {
    const yes = h('button', { type: 'button', class: 'btn btn-danger', id: 'fu-confirm-cancel' }, 'Yes, cancel meeting');
    const no = h('button', { type: 'button', class: 'btn btn-ghost' }, 'Keep it');
    yes.addEventListener('click', () => void this.cancelMeeting());
    no.addEventListener('click', () => {
      this.renderFooter();
      this.footer.querySelector<HTMLElement>('#fu-cancel-meeting')?.focus();
    });
    this.footer.replaceChildren(h('span', { class: 'confirm-text' }, 'Cancel this meeting for everyone?'), h('span', { class: 'spacer' }), no, yes);
    no.focus();
  }

  // ---- repeating meetings (issue 7)

  /** The series this date belongs to, in words, and whether the date was moved away from its place in the rule. */
  private seriesBanner(): HTMLElement | null {
    const m = this.meeting;
    if (!m?.recurrenceRuleId || !m.recurrence) return null;
    const zone = m.timeZone ?? seriesZone();
    const original = new Date(m.originalStart ?? m.start);
    const moved = m.originalStart && new Date(m.originalStart).getTime() !== new Date(m.start).getTime();
    return h('div', { class: 'banner banner-series', id: 'fu-series', 'data-rule-id': String(m.recurrenceRuleId) },
      icon('repeat'),
      h('span', {},
        h('strong', {}, 'Repeating meeting: '),
        h('span', { id: 'fu-series-summary' }, describeRecurrence(m.recurrence, original, zone)),
        zone !== displayZone() ? ` (times kept in ${zone})` : '',
        moved ? h('span', { class: 'moved-from' }, ` · This date was moved from ${formatDateTime(original)}.`) : ''));
  }

  private repeatStart(): Date | null {
    return fromLocalInput(this.start.value, displayZone());
  }

  /** Builds the controls the chosen frequency needs (every N, weekdays, month position, dates, end). */
  private renderRepeat(): void {
    const spec = this.repeat;
    const start = this.repeatStart() ?? new Date();
    const zone = seriesZone();
    const parts: HTMLElement[] = [];
    const unit: Partial<Record<RepeatFrequency, string>> = { daily: 'day(s)', weekly: 'week(s)', monthly: 'month(s)', yearly: 'year(s)' };
    if (spec.frequency !== 'none' && spec.frequency !== 'custom') {
      const every = h('input', { id: 'fu-repeat-interval', type: 'number', min: 1, max: 99, value: String(spec.interval), class: 'num' });
      every.addEventListener('input', () => {
        spec.interval = Number(every.value);
        this.updateRepeatSummary();
      });
      parts.push(h('div', { class: 'repeat-line' }, h('label', { for: 'fu-repeat-interval' }, 'Every'), every, h('span', {}, unit[spec.frequency] ?? '')));
    }
    if (spec.frequency === 'weekly') {
      const days = h('div', { class: 'weekdays', role: 'group', 'aria-label': 'On these weekdays' });
      for (const d of [1, 2, 3, 4, 5, 6, 0]) {
        const name = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d];
        const box = h('input', { type: 'checkbox', id: `fu-repeat-day-${d}`, value: String(d), checked: spec.weekdays.includes(d) });
        box.addEventListener('change', () => {
          this.weekdaysTouched = true;
          spec.weekdays = box.checked ? [...spec.weekdays.filter(x => x !== d), d] : spec.weekdays.filter(x => x !== d);
          this.updateRepeatSummary();
        });
        days.append(h('label', { class: 'day-toggle', for: box.id }, box, h('span', {}, name)));
      }
      parts.push(h('div', { class: 'repeat-line' }, h('span', { class: 'small-label' }, 'On'), days));
    }
    if (spec.frequency === 'monthly') {
      const choices = monthlyChoices(start, zone);
      if (!choices.some(c => c.mode === spec.monthly)) spec.monthly = 'day';
      const select = h('select', { id: 'fu-repeat-monthly' }, ...choices.map(c => h('option', { value: c.mode, selected: c.mode === spec.monthly }, c.label)));
      select.addEventListener('change', () => {
        spec.monthly = select.value as RepeatSpec['monthly'];
        this.updateRepeatSummary();
      });
      parts.push(h('div', { class: 'repeat-line' }, h('label', { for: 'fu-repeat-monthly', class: 'sr-only' }, 'Which day of the month'), select));
    }
    if (spec.frequency === 'custom') {
      const date = h('input', { id: 'fu-repeat-date', type: 'date', min: isoDate(start, zone) });
      const add = h('button', { type: 'button', class: 'btn btn-small', id: 'fu-repeat-add' }, icon('plus'), ' Add date');
      const addDate = () => {
        if (!date.value || spec.dates.includes(date.value)) return;
        spec.dates = [...spec.dates, date.value].sort();
        date.value = '';
        this.renderRepeat();
        this.repeatDetails.querySelector<HTMLElement>('#fu-repeat-date')?.focus();
      };
      add.addEventListener('click', addDate);
      date.addEventListener('keydown', ev => {
        if (ev.key === 'Enter') {
          ev.preventDefault();
          addDate();
        }
      });
      const chips = spec.dates.map(d => {
        const remove = h('button', { type: 'button', class: 'btn btn-icon btn-small', 'aria-label': `Remove ${d}` }, icon('x'));
        remove.addEventListener('click', () => {
          spec.dates = spec.dates.filter(x => x !== d);
          this.renderRepeat();
        });
        return h('li', { class: 'chip', 'data-date': d }, h('span', {}, formatDay(new Date(`${d}T12:00:00Z`))), remove);
      });
      parts.push(h('div', { class: 'repeat-line' }, h('label', { for: 'fu-repeat-date' }, 'Also on'), date, add),
        h('ul', { class: 'chips', id: 'fu-repeat-dates', 'aria-label': 'Further dates' }, ...chips));
    }
    if (spec.frequency !== 'none' && spec.frequency !== 'custom') {
      const byCount = h('input', { type: 'radio', name: 'fu-repeat-end', id: 'fu-repeat-end-count', checked: spec.end.kind === 'count' });
      const byDate = h('input', { type: 'radio', name: 'fu-repeat-end', id: 'fu-repeat-end-until', checked: spec.end.kind === 'until' });
      const count = h('input', { id: 'fu-repeat-count', type: 'number', min: 1, max: 3000, class: 'num', value: String(spec.end.kind === 'count' ? spec.end.count : 10), 'aria-label': 'Number of times' });
      const until = h('input', { id: 'fu-repeat-until', type: 'date', min: isoDate(start, zone), value: spec.end.kind === 'until' ? spec.end.date : '', 'aria-label': 'End date' });
      const sync = () => {
        spec.end = byDate.checked ? { kind: 'until', date: until.value } : { kind: 'count', count: Number(count.value) };
        this.updateRepeatSummary();
      };
      count.addEventListener('input', () => {
        byCount.checked = true;
        sync();
      });
      until.addEventListener('input', () => {
        byDate.checked = true;
        sync();
      });
      byCount.addEventListener('change', sync);
      byDate.addEventListener('change', () => {
        if (!until.value) until.focus();
        sync();
      });
      parts.push(h('div', { class: 'repeat-line repeat-end', role: 'group', 'aria-label': 'Ends' },
        h('span', { class: 'small-label' }, 'Ends'),
        h('label', { class: 'inline', for: byCount.id }, byCount, ' after'), count, h('span', {}, 'times'),
        h('label', { class: 'inline', for: byDate.id }, byDate, ' on'), until));
    }
    this.repeatDetails.replaceChildren(...parts);
    this.repeatDetails.hidden = parts.length === 0;
    this.updateRepeatSummary();
  }

  private updateRepeatSummary(): void {
    const start = this.repeatStart();
    this.repeatSummary.textContent = start && this.repeat.frequency !== 'none' ? describeRepeat(this.repeat, start, seriesZone()) : '';
    // other dates or times: the dates left out before are not these
    this.skipped.clear();
    this.hideReview();
  }

  /** The dates that have conflicts, before saving: book anyway, leave some out, or go back and change the time. */
  private showReview(validation: SeriesValidation): void {
    const conflicted = validation.occurrences.filter(o => o.conflict);
    const items = conflicted.map(o => {
      const leaveOut = h('input', { type: 'checkbox', id: `fu-skip-${o.originalStart}`, class: 'skip', checked: this.skipped.has(o.originalStart) });
      leaveOut.addEventListener('change', () => {
        if (leaveOut.checked) this.skipped.add(o.originalStart);
        else this.skipped.delete(o.originalStart);
        book.textContent = `Book ${validation.count - this.skipped.size} dates`;
      });
      return h('li', { class: 'review-date', 'data-start': o.originalStart },
        h('span', { class: 'bang', 'aria-hidden': 'true' }, '!'),
        h('span', { class: 'review-when' }, formatRange(new Date(o.start), new Date(o.end))),
        h('span', { class: 'review-who' }, `${o.conflicts.join(', ')} ${o.conflicts.length === 1 ? 'is' : 'are'} busy`),
        h('label', { class: 'inline', for: leaveOut.id }, leaveOut, ' Leave out'));
    });
    const book = h('button', { type: 'button', class: 'btn btn-primary', id: 'fu-book-anyway' }, `Book ${validation.count - this.skipped.size} dates`);
    const back = h('button', { type: 'button', class: 'btn btn-ghost', id: 'fu-review-back' }, 'Change the time');
    book.addEventListener('click', () => {
      this.reviewed = true;
      void this.save();
    });
    back.addEventListener('click', () => {
      this.hideReview();
      this.start.focus();
    });
    this.review.replaceChildren(
      h('p', { class: 'review-head' }, h('strong', {}, `${conflicted.length} of ${validation.count} dates have conflicts.`),
        ' Book anyway, leave dates out, or change the time.'),
      h('ul', { class: 'review-dates', id: 'fu-review-dates' }, ...items),
      h('div', { class: 'btn-row' }, back, book));
    this.review.hidden = false;
    book.focus();
  }

  private hideReview(): void {
    this.reviewed = false;
    if (this.review.hidden) return;
    this.review.hidden = true;
    this.review.replaceChildren();
  }

  /** A date of a series asks which dates a change is for; null when the user went back. */
  private async scopeFor(question: string, choices: SeriesScope[], note?: string): Promise<string | null> {
    const m = this.meeting;
    if (!m?.recurrenceRuleId) return '';
    const scope = await chooseScope(question, choices, note);
    return scope ? scopeQuery(scope, m.originalStart ?? m.start) : null;
  }

  // ---- participants picker (WAI-ARIA combobox with a listbox popup)

  private showResults(): void {
    const chosen = new Set(this.rows.filter(r => r.participant?.status !== 'Cancelled').map(r => r.key));
    chosen.add(`a${this.me.id}`);
    this.options = searchCandidates(this.directory.candidates(this.me.id), this.search.value, chosen);
    this.activeOption = this.options.length > 0 ? 0 : -1;
    this.renderResults();
  }

  private renderResults(): void {
    const items = this.options.map((c, i) => {
      const li = h('li', { id: `fu-opt-${i}`, role: 'option', 'aria-selected': String(i === this.activeOption), class: i === this.activeOption ? 'active' : '' },
        h('span', { class: 'att-name' }, c.name), h('span', { class: `kind kind-${c.kind.toLowerCase()}` }, c.detail));
      li.addEventListener('mousedown', ev => {
        ev.preventDefault();
        void this.choose(c);
      });
      return li;
    });
    if (items.length === 0 && this.search.value.trim()) items.push(h('li', { class: 'no-match', role: 'option', 'aria-disabled': 'true' }, 'No match'));
    this.results.replaceChildren(...items);
    const open = items.length > 0;
    this.results.classList.toggle('open', open);
    this.search.setAttribute('aria-expanded', String(open));
    if (this.activeOption >= 0) this.search.setAttribute('aria-activedescendant', `fu-opt-${this.activeOption}`);
    else this.search.removeAttribute('aria-activedescendant');
  }

  private hideResults(): void {
    this.results.classList.remove('open');
    this.search.setAttribute('aria-expanded', 'false');
  }

  private searchKey(ev: KeyboardEvent): void {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      if (this.options.length === 0) return this.showResults();
      this.activeOption = (this.activeOption + (ev.key === 'ArrowDown' ? 1 : -1) + this.options.length) % this.options.length;
      this.renderResults();
    } else if (ev.key === 'Enter') {
      ev.preventDefault();
      const c = this.options[this.activeOption];
      if (c) void this.choose(c);
    } else if (ev.key === 'Escape' && this.results.classList.contains('open')) {
      ev.preventDefault();
      ev.stopPropagation();
      this.hideResults();
    }
  }

  private async choose(c: Candidate): Promise<void> {
    this.search.value = '';
    this.hideResults();
    this.options = [];
    if (this.mode === 'owner' && this.meeting) {
      // An existing meeting: the owner's additions take effect at once, as the server invites on add.
      await this.run(async () => {
        const body = c.associateId !== undefined ? { associateId: c.associateId } : { personId: c.personId };
        const result = await call<Appointment>('POST', `/appointments/${this.meeting!.id}/participants`, body);
        this.apply(result.body, result.etag, true);
        announce(`${c.name} added`);
        this.onChanged();
      });
    } else {
      this.rows.push({
        key: c.key, name: c.name, kind: c.kind, associateId: c.associateId ?? null, personId: c.personId ?? null, participant: null, conflict: false,
      });
      this.renderAttendees();
      announce(`${c.name} added`);
      this.scheduleAvailability();
    }
    this.search.focus();
  }

  private async removeRow(row: Row): Promise<void> {
    if (this.mode === 'owner' && this.meeting && row.participant) {
      await this.run(async () => {
        const result = await call<Appointment>('DELETE', `/appointments/${this.meeting!.id}/participants/${row.participant!.rowId}`);
        this.apply(result.body, result.etag, true);
        this.onChanged();
      });
    } else {
      this.rows = this.rows.filter(r => r !== row);
      this.renderAttendees();
      this.scheduleAvailability();
    }
    announce(`${row.name} removed`);
    this.search.focus();
  }

  // ---- times, conflicts and First available

  private timesChanged(input: HTMLInputElement): void {
    const s = fromLocalInput(this.start.value, displayZone());
    const e = fromLocalInput(this.end.value, displayZone());
    if (input === this.start && s && this.meeting) {
      // keep the duration when the start moves, like every calendar does
      const duration = new Date(this.meeting.end).getTime() - new Date(this.meeting.start).getTime();
      if (!e || e <= s) this.end.value = toLocalInput(new Date(s.getTime() + duration), displayZone());
    } else if (input === this.start && s && (!e || e <= s)) {
      this.end.value = toLocalInput(new Date(s.getTime() + 3600000), displayZone());
    }
    if (input === this.start && s && this.mode === 'new') {
      if (!this.weekdaysTouched) this.repeat.weekdays = [wallTime(s, seriesZone()).weekday];
      this.renderRepeat();
    }
    this.scheduleAvailability();
  }

  private scheduleAvailability(): void {
    window.clearTimeout(this.availabilityTimer);
    this.availabilityTimer = window.setTimeout(() => void this.checkAvailability(), 250);
  }

  /**
   * Before saving (and when the server has no First available yet), read the participants' diaries: flag who is
   * booked in the chosen slot and find the first slot in working hours where everyone is free.
   */
  private async checkAvailability(): Promise<void> {
    if (!this.editable) return;
    const s = fromLocalInput(this.start.value, displayZone());
    const e = fromLocalInput(this.end.value, displayZone());
    if (!s || !e || e <= s) return;
    const targets = this.rows.filter(r => r.associateId !== null && r.participant?.status !== 'Cancelled' && r.participant?.status !== 'Declined');
    if (targets.length === 0) {
      this.suggested = null;
      this.renderNotice();
      return;
    }
    const from = startOfDay(s, displayZone());
    const to = new Date(from.getTime() + 14 * 86400000);
    const slot: Interval = { start: s.getTime(), end: e.getTime() };
    const ownId = this.meeting?.id;
    try {
      const diaries = await Promise.all(targets.map(r =>
        get<DiaryEntry[]>(`/diary?associateId=${r.associateId}&from=${from.toISOString()}&to=${to.toISOString()}`).then(entries => ({ row: r, entries }))));
      const allBusy: Interval[] = [];
      for (const { row, entries } of diaries) {
        const busy = entries
          .filter(x => !x.free && (ownId === undefined || x.appointmentId !== ownId))
          .map(x => ({ start: new Date(x.start).getTime(), end: new Date(x.end).getTime() }));
        allBusy.push(...busy);
        // for an existing meeting the server's flag is authoritative; for a new one this is the preview
        if (!row.participant) row.conflict = busy.some(b => overlaps(slot, b));
      }
      const anyConflict = this.rows.some(r => r.conflict) || allBusy.some(b => overlaps(slot, b));
      const fromApi = this.meeting ? apiFirstAvailable(this.meeting) : null;
      this.suggested = anyConflict ? (fromApi ?? firstAvailable(allBusy, s, e.getTime() - s.getTime())) : null;
      this.renderNotice();
      this.renderAttendees();
    } catch {
      // the preview is a convenience: the server flags conflicts on save anyway
    }
  }

  private applySuggested(): void {
    if (!this.suggested) return;
    const s = fromLocalInput(this.start.value, displayZone());
    const e = fromLocalInput(this.end.value, displayZone());
    const duration = s && e && e > s ? e.getTime() - s.getTime() : 3600000;
    this.start.value = toLocalInput(this.suggested, displayZone());
    this.end.value = toLocalInput(new Date(this.suggested.getTime() + duration), displayZone());
    announce(`Time set to ${formatDateTime(this.suggested)}`);
    for (const r of this.rows) if (!r.participant) r.conflict = false;
    this.suggested = null;
    this.renderNotice();
    this.renderAttendees();
    this.scheduleAvailability();
    this.start.focus();
  }

  // ---- saving and answering

  private validate(): { start: Date; end: Date } | null {
    const s = fromLocalInput(this.start.value, displayZone());
    const e = fromLocalInput(this.end.value, displayZone());
    if (!this.title.value.trim()) {
      this.formError.textContent = 'Give the follow-up a title.';
      this.title.setAttribute('aria-invalid', 'true');
      this.title.focus();
      return null;
    }
    this.title.removeAttribute('aria-invalid');
    if (!s || !e) {
      this.formError.textContent = 'Enter a start and an end.';
      (s ? this.end : this.start).focus();
      return null;
    }
    if (e <= s) {
      this.formError.textContent = 'The end must be after the start.';
      this.end.setAttribute('aria-invalid', 'true');
      this.end.focus();
      return null;
    }
    this.end.removeAttribute('aria-invalid');
    this.formError.textContent = '';
    return { start: s, end: e };
  }

  private async save(): Promise<void> {
    if (!this.editable) return;
    const times = this.validate();
    if (!times) return;
    await this.run(async () => {
      if (this.mode === 'new') {
        const body: Record<string, unknown> = {
          title: this.title.value.trim(),
          description: this.description.value,
          location: this.location.value.trim() || null,
          start: times.start.toISOString(),
          end: times.end.toISOString(),
          private: this.isPrivate.checked,
          free: this.isFree.checked,
          participants: this.rows.map(r => (r.associateId !== null ? { associateId: r.associateId } : { personId: r.personId })),
        };
        const zone = seriesZone();
        const repeat = recurrenceLines(this.repeat, times.start, zone);
        if ('error' in repeat) {
          this.formError.textContent = repeat.error;
          this.repeatSelect.focus();
          return;
        }
        if (repeat.lines.length > 0) {
          body.timeZone = zone;
          if (!this.reviewed) {
            // The seeds' ValidateDays: every date with who is busy, before anything is saved (the dates left out
            // before included, so the review shows them with their Leave out ticked).
            const validation = await call<SeriesValidation>('POST', '/appointments/validate', { ...body, recurrence: repeat.lines });
            if (validation.body.hasConflict) {
              this.showReview(validation.body);
              return;
            }
            this.skipped.clear(); // nothing collides any more: nothing to leave out
          }
          body.recurrence = [...repeat.lines, ...exdateLines([...this.skipped], zone)];
          const series = await call<Appointment>('POST', '/appointments', body);
          this.onChanged();
          const dates = series.body.occurrences ?? [];
          const conflicts = dates.filter(o => o.conflict).length;
          toast(`Booked '${series.body.title}': ${dates.length} dates${conflicts > 0 ? `, ${conflicts} with a conflict` : ''}.`);
          this.close();
          return;
        }
        const created = await call<Appointment>('POST', '/appointments', body);
        this.onChanged();
        if (created.body.hasConflict) {
          // Stay open: the organiser sees Conflict, the "!" and First available, and may move it right away.
          this.apply(created.body, created.etag);
          this.startPolling();
          toast('Meeting booked, with a conflict.');
        } else {
          toast(`Booked '${created.body.title}'.`);
          this.close();
        }
        return;
      }
      const m = this.meeting!;
      const patch: Record<string, unknown> = {};
      if (this.title.value.trim() !== m.title) patch.title = this.title.value.trim();
      if (this.description.value !== (m.description ?? '')) patch.description = this.description.value;
      if (this.location.value.trim() !== (m.location ?? '')) patch.location = this.location.value.trim();
      if (times.start.getTime() !== new Date(m.start).getTime()) patch.start = times.start.toISOString();
      if (times.end.getTime() !== new Date(m.end).getTime()) patch.end = times.end.toISOString();
      if (this.isPrivate.checked !== m.private) patch.private = this.isPrivate.checked;
      if (this.isFree.checked !== m.free) patch.free = this.isFree.checked;
      if (Object.keys(patch).length > 0) {
        const moves = patch.start !== undefined || patch.end !== undefined;
        // Several dates move to another day together only in plain daily and weekly rules (ADR 0021).
        const newDay = moves && isoDate(times.start, m.timeZone ?? seriesZone()) !== isoDate(new Date(m.start), m.timeZone ?? seriesZone())
          && !canMoveDatesToAnotherDay(m.recurrence ?? []);
        const scope = await this.scopeFor(moves ? 'Move which dates?' : 'Change which dates?', newDay ? ['this'] : ['this', 'following', 'series'],
          newDay ? 'This series repeats on days of the month or year (or on chosen dates): only this date can move to another day.' : undefined);
        if (scope === null) return;
        const headers: Record<string, string> = this.etag && !scope ? { 'If-Match': this.etag } : {};
        const saved = await call<Appointment>('PATCH', `/appointments/${m.id}${scope}`, patch, headers);
        this.loadedFields = '';
        this.apply(saved.body, saved.etag);
        this.onChanged();
        toast(patch.start || patch.end ? 'Saved. Invitees are asked to answer again.' : 'Saved.');
        if (saved.body.hasConflict) return;
      }
      this.close();
    });
  }

  private async answer(action: 'accept' | 'decline', reason?: string): Promise<void> {
    await this.run(async () => {
      const scope = await this.scopeFor(action === 'accept' ? 'Accept which dates?' : 'Decline which dates?', ['this', 'series']);
      if (scope === null) return;
      const result = await call<Appointment>('POST', `/appointments/${this.meeting!.id}/${action}${scope}`, action === 'decline' ? { reason: reason ?? null } : undefined);
      this.apply(result.body, result.etag);
      this.onChanged();
      toast(action === 'accept' ? 'Accepted. The meeting is in your diary.' : 'Declined. The organiser has been told.');
      this.answerBar.querySelector<HTMLElement>('button:not([disabled])')?.focus();
    });
  }

  private async cancelMeeting(): Promise<void> {
    await this.run(async () => {
      // For a series the choice of dates is the confirmation; a single meeting was confirmed in the footer.
      const scope = await this.scopeFor('Cancel which dates?', ['this', 'following', 'series']);
      if (scope === null) return;
      await call<Appointment>('POST', `/appointments/${this.meeting!.id}/cancel${scope}`, undefined, this.etag && !scope ? { 'If-Match': this.etag } : {});
      this.onChanged();
      toast(scope.includes('scope=this') ? 'This date is cancelled. Everyone who had seen it has been told.'
        : scope ? 'The dates are cancelled. Everyone who had seen them has been told.' : 'Meeting cancelled. Everyone who had seen it has been told.');
      this.close();
    });
  }

  /** Runs one request with the dialog marked busy; an error is shown in the dialog, with what to do about it. */
  private async run(action: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.element.setAttribute('aria-busy', 'true');
    this.formError.textContent = '';
    try {
      await action();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'network', String(e));
      this.formError.textContent = describeProblem(err.status, err.message, 'save');
      // a stale edit (412): show what is there now, so the owner can redo the change on it
      if (err.status === 412 && this.meeting) {
        const fresh = await call<Appointment>('GET', `/appointments/${this.meeting.id}`).catch(() => null);
        if (fresh) this.apply(fresh.body, fresh.etag);
      }
    } finally {
      this.busy = false;
      this.element.removeAttribute('aria-busy');
    }
  }

  private startPolling(): void {
    this.stopPolling();
    if (this.live) return;
    this.pollTimer = window.setInterval(() => void this.refreshOpen(), POLL_MS);
  }

  private stopPolling(): void {
    window.clearInterval(this.pollTimer);
    this.pollTimer = 0;
  }

  private closed(): void {
    this.stopPolling();
    window.clearTimeout(this.availabilityTimer);
    this.hideResults();
    if (this.opener && this.opener.isConnected) this.opener.focus();
    this.opener = null;
  }
}


function isAssignment(p: Participant): boolean {
  return p.status === 'Assigned' || p.status === 'AssignmentSeen';
}
