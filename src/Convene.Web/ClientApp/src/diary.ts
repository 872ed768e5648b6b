import { Calendar, type EventApi, type EventInput } from '@fullcalendar/core';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin from '@fullcalendar/interaction';
import listPlugin from '@fullcalendar/list';
import luxonPlugin from '@fullcalendar/luxon3';
import timeGridPlugin from '@fullcalendar/timegrid';
import { ApiError, call, get } from './api';
import type { FollowUpDialog } from './dialog';
import type { Directory } from './directory';
import { displayZone, formatRange, h, icon, seriesZone, toast } from './dom';
import { canMoveDatesToAnotherDay, describeProblem, isoDate, scopeQuery, startOfDay, toCalendarEvent, wallTime, zonedInstant } from './logic';
import { chooseScope } from './scope';
import type { Appointment, Associate, DiaryEntry } from './types';

/** The diary: own, a colleague's or a room's, in day / week / month / list views. */
export class DiaryView {
  readonly element: HTMLElement;
  readonly toolbar: HTMLElement;
  private calendar: Calendar | null = null;
  private readonly picker: HTMLSelectElement;
  private readonly status: HTMLElement;
  private target: number;

  constructor(
    private readonly me: Associate,
    private readonly directory: Directory,
    private readonly dialog: FollowUpDialog,
  ) {
    this.target = me.id;
    this.picker = h('select', { id: 'diary-of', 'aria-label': 'Diary of' }, h('option', { value: String(me.id) }, 'My diary'));
    this.picker.addEventListener('change', () => {
      this.target = Number(this.picker.value);
      this.element.dataset.diaryOf = this.picker.value;
      this.calendar?.setOption('editable', this.target === this.me.id);
      this.calendar?.refetchEvents();
    });
    const newButton = h('button', { type: 'button', class: 'btn btn-primary', id: 'new-follow-up' }, icon('plus'), h('span', {}, 'New follow-up'));
    newButton.addEventListener('click', () => this.dialog.openNew(this.defaultSlot()));
    this.toolbar = h('div', { class: 'topbar-tools' }, h('label', { for: 'diary-of', class: 'hide-sm' }, 'Diary of'), this.picker, newButton);
    this.status = h('div', { class: 'diary-status', role: 'status' });
    this.element = h('section', { class: 'diary', 'aria-label': 'Diary', 'data-diary-of': String(me.id) }, this.status, h('div', { id: 'calendar' }));
    void this.directory.load().then(() => this.fillPicker(), () => undefined);
  }

  private fillPicker(): void {
    const colleagues = h('optgroup', { label: 'Colleagues' });
    const rooms = h('optgroup', { label: 'Rooms and resources' });
    for (const a of this.directory.associates) {
      if (a.id === this.me.id) continue;
      (a.kind === 'Resource' ? rooms : colleagues).append(h('option', { value: String(a.id) }, a.name));
    }
    this.picker.append(colleagues, rooms);
  }

  render(): void {
    const container = this.element.querySelector<HTMLElement>('#calendar')!;
    const narrow = window.matchMedia('(max-width: 640px)').matches;
    // #date=2030-01-07&view=dayGridMonth: a bookmarkable place in the diary, kept up to date while navigating.
    const hash = new URLSearchParams(location.hash.slice(1));
    const views = ['timeGridDay', 'timeGridWeek', 'dayGridMonth', 'listWeek'];
    const initialView = views.includes(hash.get('view') ?? '') ? hash.get('view')! : narrow ? 'timeGridDay' : 'timeGridWeek';
    const initialDate = /^\d{4}-\d{2}-\d{2}$/.test(hash.get('date') ?? '') ? hash.get('date')! : undefined;
    this.calendar = new Calendar(container, {
      initialDate,
      // The associate's time zone (named zones need the Luxon plugin); the browser's when it has none it knows.
      timeZone: displayZone() ?? 'local',
      datesSet: info => {
        if (!this.element.isConnected) return; // another tab is shown: the address bar is its
        history.replaceState(null, '', `#date=${isoDate(info.view.currentStart, displayZone())}&view=${info.view.type}`);
      },
      plugins: [dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin, luxonPlugin],
      initialView,
      headerToolbar: narrow
        ? { left: 'prev,next today', center: 'title', right: 'timeGridDay,listWeek' }
        : { left: 'prev,next today', center: 'title', right: 'timeGridDay,timeGridWeek,dayGridMonth,listWeek' },
      buttonText: { today: 'Today', day: 'Day', week: 'Week', month: 'Month', list: 'List' },
      firstDay: 1,
      nowIndicator: true,
      weekNumbers: !narrow,
      slotMinTime: '06:00:00',
      slotMaxTime: '21:00:00',
      scrollTime: '07:30:00',
      businessHours: { daysOfWeek: [1, 2, 3, 4, 5], startTime: '08:00', endTime: '16:00' },
      height: 'auto',
      expandRows: true,
      // a number, not true: with height 'auto' only a fixed count keeps a busy month readable ("+12 more")
      dayMaxEvents: 4,
      editable: true,
      eventDurationEditable: true,
      selectable: true,
      selectMirror: true,
      snapDuration: '00:15:00',
      eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
      slotLabelFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
      events: (info, success, failure) => {
        this.load(info.start, info.end).then(success, failure);
      },
      loading: busy => {
        this.element.setAttribute('aria-busy', String(busy));
        if (busy) this.status.textContent = '';
      },
      select: info => {
        this.calendar?.unselect();
        this.dialog.openNew({ start: info.start, end: info.end });
      },
      eventClick: info => {
        info.jsEvent.preventDefault();
        const entry = info.event.extendedProps.entry as DiaryEntry;
        if (entry.appointmentId === null) {
          toast('This time is busy; the meeting is private.');
          return;
        }
        this.dialog.open(entry.appointmentId, info.el);
      },
      eventDidMount: info => {
        const entry = info.event.extendedProps.entry as DiaryEntry;
        info.el.dataset.rowId = String(entry.rowId);
        if (entry.appointmentId !== null) info.el.dataset.appointmentId = String(entry.appointmentId);
        info.el.setAttribute('aria-label', this.describe(info.event, entry));
        // Keyboard users open entries with Enter like a click (FullCalendar only makes linked events focusable).
        if (!info.el.hasAttribute('tabindex')) info.el.tabIndex = 0;
        info.el.addEventListener('keydown', ev => {
          if ((ev.key === 'Enter' || ev.key === ' ') && entry.appointmentId !== null) {
            ev.preventDefault();
            this.dialog.open(entry.appointmentId, info.el);
          }
        });
      },
      eventDrop: info => void this.move(info.event, info.revert),
      eventResize: info => void this.move(info.event, info.revert),
    });
    this.calendar.render();
  }

  refresh(): void {
    this.calendar?.refetchEvents();
  }

  /** Shown again after another tab: the address bar points at the diary's place, and the layout is re-measured. */
  shown(): void {
    const view = this.calendar?.view;
    if (view) history.replaceState(null, '', `#date=${isoDate(view.currentStart, displayZone())}&view=${view.type}`);
    this.calendar?.updateSize();
    this.refresh();
  }

  private describe(event: EventApi, entry: DiaryEntry): string {
    const when = event.start && event.end ? formatRange(event.start, event.end) : '';
    if (entry.busyOnly) return `Busy, ${when}`;
    const state = entry.pending ? `invitation, ${entry.status === 'NotSeen' || entry.status === 'Moved' ? 'not seen' : 'not answered'}` : '';
    return [entry.title, entry.location, when, state].filter(Boolean).join(', ');
  }

  private async load(start: Date, end: Date): Promise<EventInput[]> {
    const params = new URLSearchParams({ from: start.toISOString(), to: end.toISOString() });
    if (this.target === this.me.id) {
      params.set('includePending', 'true');
    } else {
      params.set('associateId', String(this.target));
    }
    try {
      const entries = await get<DiaryEntry[]>(`/diary?${params}`);
      this.status.textContent = '';
      this.status.classList.remove('error');
      return entries.map(e => {
        const ev = toCalendarEvent(e, this.me.id);
        // Only in one's own diary: dragging a meeting shown in someone else's diary would be surprising.
        return { ...ev, editable: ev.editable && this.target === this.me.id };
      });
    } catch (e) {
      this.status.textContent = `The diary could not be loaded. ${e instanceof ApiError ? describeProblem(e.status, e.message, 'load') : String(e)}`;
      this.status.classList.add('error');
      throw e;
    }
  }

  /** A drag or resize is a move (PATCH start and end): the server resets the invitees' answers. */
  private async move(event: EventApi, revert: () => void): Promise<void> {
    const entry = event.extendedProps.entry as DiaryEntry;
    if (!event.start || !event.end || entry.appointmentId === null) {
      revert();
      return;
    }
    try {
      // A date of a repeating meeting: ask which dates move (issue 7).
      const meeting = await get<Appointment>(`/appointments/${entry.appointmentId}`);
      let scope = '';
      if (meeting.recurrenceRuleId) {
        const zone = meeting.timeZone ?? seriesZone();
        // Several dates move to another day together only in plain daily and weekly rules (ADR 0021).
        const newDay = isoDate(event.start, zone) !== isoDate(new Date(meeting.start), zone) && !canMoveDatesToAnotherDay(meeting.recurrence ?? []);
        const choice = await chooseScope('Move which dates?', newDay ? ['this'] : ['this', 'following', 'series'],
          newDay ? 'This series repeats on days of the month or year (or on chosen dates): only this date can move to another day.' : undefined);
        if (!choice) {
          revert();
          return;
        }
        scope = scopeQuery(choice, meeting.originalStart ?? meeting.start);
      }
      await call('PATCH', `/appointments/${entry.appointmentId}${scope}`, { start: event.start.toISOString(), end: event.end.toISOString() });
      toast(`Moved '${entry.title ?? ''}'. Invitees are asked to answer again.`);
      this.refresh();
    } catch (e) {
      revert();
      toast(`Could not move the meeting. ${e instanceof ApiError ? describeProblem(e.status, e.message, 'save') : String(e)}`, 'error');
    }
  }

  private defaultSlot(): { start: Date; end: Date } {
    // The next full hour in the associate's zone; 09:00 on the first day shown when now is not in view.
    const zone = displayZone();
    const n = wallTime(new Date(), zone);
    let start = zonedInstant(n.year, n.month, n.day, n.hour + 1, 0, zone);
    const view = this.calendar?.view;
    if (view && (start < view.activeStart || start >= view.activeEnd)) {
      const first = wallTime(startOfDay(view.activeStart, zone), zone);
      start = zonedInstant(first.year, first.month, first.day, 9, 0, zone);
    }
    return { start, end: new Date(start.getTime() + 3600000) };
  }

  /** For the dialog's "go to" after a change: show the week of the meeting. */
  goTo(date: Date): void {
    this.calendar?.gotoDate(date);
  }
}
