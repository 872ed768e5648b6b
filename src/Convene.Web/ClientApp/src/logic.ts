// Pure front-end logic, unit-tested with Vitest (logic.test.ts): no DOM, no fetch.
import type { Appointment, AppNotification, Candidate, DiaryEntry, NotificationKind, Participant } from './types';

export type StatusMark = 'accepted' | 'declined' | 'seen' | 'unseen' | 'owner' | 'cancelled';

/** The seeds' four symbols: ✓ accepted, ✗ declined, eye = seen, unmarked = not seen (a move asks again). */
export function statusMark(p: Pick<Participant, 'status' | 'kind'>): { mark: StatusMark; symbol: string; label: string } {
  switch (p.status) {
    case 'Owner':
      return { mark: 'owner', symbol: '', label: 'Organiser' };
    case 'Accepted':
      return { mark: 'accepted', symbol: '✓', label: p.kind === 'Resource' ? 'Booked' : 'Accepted' };
    case 'Declined':
      return { mark: 'declined', symbol: '✗', label: 'Declined' };
    case 'Seen':
      return { mark: 'seen', symbol: 'eye', label: 'Seen, not answered' };
    case 'MovedSeen':
      return { mark: 'seen', symbol: 'eye', label: 'Moved; seen, not answered' };
    case 'Moved':
      return { mark: 'unseen', symbol: '', label: 'Moved; not seen' };
    case 'NotSeen':
      return { mark: 'unseen', symbol: '', label: 'Not seen' };
    case 'Cancelled':
      return { mark: 'cancelled', symbol: '', label: 'Removed' };
    case 'Assigned':
      return { mark: 'unseen', symbol: '', label: 'Assigned; not seen' };
    case 'AssignmentSeen':
      return { mark: 'seen', symbol: 'eye', label: 'Assigned; seen, not answered' };
    default:
      return { mark: 'unseen', symbol: '', label: String(p.status) };
  }
}

export const notificationTitles: Record<NotificationKind, string> = {
  NewMeeting: 'New meeting',
  MeetingChanged: 'Meeting has changed',
  MeetingCancelled: 'Meeting cancelled',
  InvitationDeclined: 'Invitation declined',
  OrganizerChanged: 'New organizer',
  Assigned: 'Assigned to you',
};

/** New or changed invitations are answered; cancellations and declines are acknowledged with Got it. */
export function notificationActions(kind: NotificationKind): Array<'accept' | 'decline' | 'gotit'> {
  switch (kind) {
    case 'NewMeeting':
    case 'MeetingChanged':
    case 'Assigned':
      return ['accept', 'decline'];
    case 'MeetingCancelled':
    case 'InvitationDeclined':
    case 'OrganizerChanged':
      return ['gotit'];
  }
}

export interface CalendarEvent {
  id: string;
  title: string;
  start: string;
  end: string;
  classNames: string[];
  editable: boolean;
  extendedProps: { entry: DiaryEntry };
}

/** A diary row as a calendar event: busy-only rows carry no title; pending invitations are marked, not hidden. */
export function toCalendarEvent(entry: DiaryEntry, viewerId: number): CalendarEvent {
  const classes = ['ev'];
  if (entry.busyOnly) classes.push('ev-busy');
  if (entry.pending) classes.push('ev-pending');
  if (entry.free) classes.push('ev-free');
  if (entry.private && !entry.busyOnly) classes.push('ev-private');
  const owned = !entry.busyOnly && entry.ownerId === viewerId && entry.status === 'Owner';
  if (owned) classes.push('ev-owned');
  const title = entry.busyOnly ? 'Busy' : entry.pending ? `Invitation: ${entry.title ?? ''}` : (entry.title ?? '');
  return {
    id: String(entry.rowId),
    title,
    start: entry.start,
    end: entry.end,
    classNames: classes,
    editable: owned,
    extendedProps: { entry },
  };
}

// ---- time zones: the associate's IANA zone (GET /auth/session's timeZone), not only the browser's

const partFormatters = new Map<string, Intl.DateTimeFormat>();

/** Whether the browser knows the IANA zone (an unknown one falls back to the browser's own). */
export function isKnownZone(timeZone: string | null | undefined): timeZone is string {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday ... 6 = Saturday, as Date.getDay */
  weekday: number;
}

/** The wall-clock date and time of an instant in a zone (the browser's own without one). */
export function wallTime(date: Date, timeZone?: string): WallTime {
  if (!timeZone) {
    return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate(), hour: date.getHours(), minute: date.getMinutes(), second: date.getSeconds(), weekday: date.getDay() };
  }
  let f = partFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    partFormatters.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(date)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const weekday = new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay();
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute, second: parts.second, weekday };
}

/**
 * The instant of a wall-clock time in a zone. In a spring-forward gap the time is read with the offset before the
 * gap (02:30 that does not exist becomes 03:30); in an autumn overlap the earlier of the two instants is taken.
 */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone?: string): Date {
  if (!timeZone) return new Date(year, month - 1, day, hour, minute);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (t: number) => {
    const w = wallTime(new Date(t), timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(t / 1000) * 1000;
  };
  const first = asUtc - offsetAt(asUtc);
  const second = asUtc - offsetAt(first);
  // an overlap: both readings are valid; the earlier is the first occurrence
  const candidates = [first, second, asUtc - offsetAt(asUtc - 3 * 3600000)].filter(t => {
    const w = wallTime(new Date(t), timeZone);
    return w.year === year && w.month === month && w.day === day && w.hour === hour && w.minute === minute;
  });
  return new Date(candidates.length > 0 ? Math.min(...candidates) : second);
}

/** The instant a day starts in the zone, plus `days` calendar days (DST days are 23 or 25 hours long). */
export function startOfDay(date: Date, timeZone?: string, days = 0): Date {
  const w = wallTime(date, timeZone);
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return zonedInstant(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 0, 0, timeZone);
}

/** Monday of the instant's week, at the start of the day, in the zone. */
export function startOfWeek(date: Date, timeZone?: string): Date {
  const w = wallTime(date, timeZone);
  return startOfDay(date, timeZone, -((w.weekday + 6) % 7));
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** yyyy-MM-dd of the instant in the zone. */
export function isoDate(date: Date, timeZone?: string): string {
  const w = wallTime(date, timeZone);
  return `${w.year}-${pad2(w.month)}-${pad2(w.day)}`;
}

/** yyyy-MM-ddTHH:mm in the zone (the browser's without one), for <input type="datetime-local">. */
export function toLocalInput(date: Date, timeZone?: string): string {
  const w = wallTime(date, timeZone);
  return `${w.year}-${pad2(w.month)}-${pad2(w.day)}T${pad2(w.hour)}:${pad2(w.minute)}`;
}

/** The reverse of toLocalInput; null when the text is not a complete local date and time. */
export function fromLocalInput(text: string, timeZone?: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const d = zonedInstant(+m[1], +m[2], +m[3], +m[4], +m[5], timeZone);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Candidates whose name or detail contains every word of the query, not already chosen; best (prefix) first. */
export function searchCandidates(all: Candidate[], query: string, chosen: Set<string>, limit = 8): Candidate[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const hits = all.filter(c => !chosen.has(c.key) && words.every(w => `${c.name} ${c.detail}`.toLowerCase().includes(w)));
  const first = words[0];
  hits.sort((a, b) => {
    const ap = a.name.toLowerCase().startsWith(first) ? 0 : 1;
    const bp = b.name.toLowerCase().startsWith(first) ? 0 : 1;
    return ap - bp || a.name.localeCompare(b.name);
  });
  return hits.slice(0, limit);
}

export interface Interval {
  start: number;
  end: number;
}

/** Half-open overlap, as the server's conflict rule: back-to-back is no conflict. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * The first start at or after `from` where a meeting of `durationMs` overlaps none of `busy`, on a 15-minute grid and
 * inside working hours (local hours [startHour, endHour), Monday to Friday); null if none within `horizonDays`.
 */
export function firstAvailable(busy: Interval[], from: Date, durationMs: number, startHour = 8, endHour = 16, horizonDays = 14): Date | null {
  const step = 15 * 60 * 1000;
  const t = new Date(from.getTime());
  t.setSeconds(0, 0);
  const rem = t.getMinutes() % 15;
  if (rem) t.setMinutes(t.getMinutes() + 15 - rem);
  const limit = from.getTime() + horizonDays * 86400000;
  const sorted = [...busy].sort((a, b) => a.start - b.start);
  while (t.getTime() < limit) {
    const day = t.getDay();
    const dayStart = new Date(t.getFullYear(), t.getMonth(), t.getDate(), startHour);
    const dayEnd = new Date(t.getFullYear(), t.getMonth(), t.getDate(), endHour);
    if (day === 0 || day === 6 || t.getTime() + durationMs > dayEnd.getTime()) {
      t.setTime(new Date(t.getFullYear(), t.getMonth(), t.getDate() + 1, startHour).getTime());
      continue;
    }
    if (t.getTime() < dayStart.getTime()) {
      t.setTime(dayStart.getTime());
      continue;
    }
    const candidate = { start: t.getTime(), end: t.getTime() + durationMs };
    const blocker = sorted.find(b => overlaps(candidate, b));
    if (!blocker) return new Date(candidate.start);
    // jump past the blocker, back onto the grid
    t.setTime(Math.ceil(blocker.end / step) * step);
  }
  return null;
}

/** The First available time of the API (issue 4), whichever shape it arrives in. */
export function apiFirstAvailable(a: Pick<Appointment, 'firstAvailable'>): Date | null {
  const v = a.firstAvailable;
  if (!v) return null;
  const text = typeof v === 'string' ? v : v.start;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Notifications that arrived since the last look (for the live region and the pop-up). */
export function newNotifications(before: AppNotification[], after: AppNotification[]): AppNotification[] {
  const seen = new Set(before.map(n => n.id));
  return after.filter(n => !seen.has(n.id));
}

// ---- the group view's timeline

export interface Placed {
  /** which day column (0-based) */
  column: number;
  /** 0..1 within the whole track */
  left: number;
  width: number;
}

/**
 * Where a busy block goes on a timeline of `days` day columns starting at `from`, each showing the hours
 * [startHour, endHour) of the zone's day. A block over several days is one piece per day; nothing outside the
 * hours shown is drawn (the piece is clipped to them).
 */
export function placeBlock(start: Date, end: Date, from: Date, days: number, startHour: number, endHour: number, timeZone?: string): Placed[] {
  const pieces: Placed[] = [];
  for (let i = 0; i < days; i++) {
    const day = startOfDay(from, timeZone, i);
    const w = wallTime(day, timeZone);
    const open = zonedInstant(w.year, w.month, w.day, startHour, 0, timeZone).getTime();
    const close = zonedInstant(w.year, w.month, w.day, endHour, 0, timeZone).getTime();
    const s = Math.max(start.getTime(), open);
    const e = Math.min(end.getTime(), close);
    if (s >= e) continue;
    const span = close - open;
    pieces.push({ column: i, left: (i + (s - open) / span) / days, width: (e - s) / span / days });
  }
  return pieces;
}

export type ProblemContext = 'load' | 'save';

/** What went wrong, in words a user can act on, from an API error's status (0: the server was not reached). */
export function describeProblem(status: number, message: string, context: ProblemContext): string {
  const doing = context === 'load' ? 'could not be loaded' : 'could not be saved';
  if (status === 0) return `The server cannot be reached, so this ${doing}. Check your connection and try again.`;
  if (status === 401) return 'Your session has ended. Please sign in again.';
  if (status === 403) return `You are not allowed to do this: ${message}`;
  if (status === 404) return 'It no longer exists, or it is not shared with you.';
  if (status === 409) return `Conflict: ${message}`;
  if (status === 412) return 'Someone changed this meeting meanwhile. It has been reloaded: check it and try again.';
  if (status === 429) return `Too many attempts: ${message}`;
  if (status >= 500) return `The server failed (${status}), so this ${doing}. Try again in a moment.`;
  return message;
}

// ---- repeating meetings (issue 7): the Repeat control's choices as RFC 5545 lines, and the lines in words

export type RepeatFrequency = 'none' | 'daily' | 'weekly' | 'monthly' | 'yearly' | 'custom';

/** Monthly on the start's day of the month, on its Nth weekday (e.g. 2nd Tuesday), or on the last such weekday. */
export type MonthlyMode = 'day' | 'nth' | 'last';

export type RepeatEnd = { kind: 'count'; count: number } | { kind: 'until'; date: string };

/** What the Repeat control holds (the seeds' RecurrencePattern); the start date and time come from the meeting. */
export interface RepeatSpec {
  frequency: RepeatFrequency;
  /** every N days, weeks, months or years */
  interval: number;
  /** weekly: the weekdays, 0 = Sunday ... 6 = Saturday (as Date.getDay) */
  weekdays: number[];
  monthly: MonthlyMode;
  end: RepeatEnd;
  /** custom: the further dates (yyyy-MM-dd) at the start's time; the start's own date is always the first */
  dates: string[];
}

/** Above this the server refuses a series (recurrence.too_many_occurrences, ADR 0013). */
export const maxOccurrences = 3000;

const weekdayCodes = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const weekdayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A new control's choice for a meeting starting at `start`: weekly on its weekday, 10 times. */
export function defaultRepeat(start: Date, timeZone?: string): RepeatSpec {
  return { frequency: 'none', interval: 1, weekdays: [wallTime(start, timeZone).weekday], monthly: 'day', end: { kind: 'count', count: 10 }, dates: [] };
}

/** Where the start falls in its month: its day, which of its weekday it is (1–5), and whether it is the last one. */
export function monthPosition(start: Date, timeZone?: string): { day: number; weekday: number; nth: number; last: boolean } {
  const w = wallTime(start, timeZone);
  const daysInMonth = new Date(Date.UTC(w.year, w.month, 0)).getUTCDate();
  return { day: w.day, weekday: w.weekday, nth: Math.ceil(w.day / 7), last: w.day + 7 > daysInMonth };
}

/** The monthly choices the start allows: day N always; the Nth weekday up to the 4th; the last weekday in the last week. */
export function monthlyChoices(start: Date, timeZone?: string): Array<{ mode: MonthlyMode; label: string }> {
  const p = monthPosition(start, timeZone);
  const choices: Array<{ mode: MonthlyMode; label: string }> = [{ mode: 'day', label: `on day ${p.day}` }];
  if (p.nth <= 4) choices.push({ mode: 'nth', label: `on the ${ordinal(p.nth)} ${weekdayNames[p.weekday]}` });
  if (p.last) choices.push({ mode: 'last', label: `on the last ${weekdayNames[p.weekday]}` });
  return choices;
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

const compact = (d: string) => d.replaceAll('-', '');

/** yyyyMMdd'T'HHmmss'Z' (RFC 5545 §3.3.5 form #2, UTC). */
function utcStamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * The `recurrence` lines of POST /api/v1/appointments for a meeting starting at `start` in `timeZone` (the series'
 * zone, in which the dates keep their wall-clock time), or why the choice is not complete. No lines: no repeat.
 */
export function recurrenceLines(spec: RepeatSpec, start: Date, timeZone: string): { lines: string[] } | { error: string } {
  const w = wallTime(start, timeZone);
  const startDate = `${w.year}-${pad2(w.month)}-${pad2(w.day)}`;
  if (spec.frequency === 'none') return { lines: [] };
  if (spec.frequency === 'custom') {
    const dates = [...new Set(spec.dates.filter(d => /^\d{4}-\d{2}-\d{2}$/.test(d)))].sort();
    if (dates.some(d => d <= startDate)) return { error: 'The further dates must come after the first date (the start).' };
    if (dates.length === 0) return { error: 'Add at least one more date.' };
    if (dates.length + 1 > maxOccurrences) return { error: `A meeting repeats at most ${maxOccurrences} times.` };
    // RFC 5545 §3.8.5.2: DATE-TIME values with TZID, at the start's wall-clock time (DTSTART is the first date).
    const time = `T${pad2(w.hour)}${pad2(w.minute)}00`;
    return { lines: [`RDATE;TZID=${timeZone}:${dates.map(d => compact(d) + time).join(',')}`] };
  }
  const interval = Math.floor(spec.interval);
  if (!Number.isFinite(interval) || interval < 1 || interval > 99) return { error: 'Repeat every 1 to 99 periods.' };
  const parts = [`FREQ=${spec.frequency.toUpperCase()}`];
  if (interval > 1) parts.push(`INTERVAL=${interval}`);
  if (spec.frequency === 'weekly') {
    const days = [...new Set(spec.weekdays)].filter(d => d >= 0 && d <= 6);
    if (days.length === 0) return { error: 'Pick at least one weekday.' };
    // Monday first, as the week starts (WKST=MO is RFC 5545's default, §3.3.10).
    parts.push(`BYDAY=${days.sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7)).map(d => weekdayCodes[d]).join(',')}`);
  } else if (spec.frequency === 'monthly') {
    const p = monthPosition(start, timeZone);
    if (spec.monthly === 'day') parts.push(`BYMONTHDAY=${p.day}`);
    else if (spec.monthly === 'nth') parts.push(`BYDAY=${p.nth}${weekdayCodes[p.weekday]}`);
    else parts.push(`BYDAY=-1${weekdayCodes[p.weekday]}`);
  }
  if (spec.end.kind === 'count') {
    const count = Math.floor(spec.end.count);
    if (!Number.isFinite(count) || count < 1) return { error: 'Give the number of times, at least 1.' };
    if (count > maxOccurrences) return { error: `A meeting repeats at most ${maxOccurrences} times.` };
    parts.push(`COUNT=${count}`);
  } else {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(spec.end.date);
    if (!m) return { error: 'Give the date the repeats end on.' };
    if (spec.end.date < startDate) return { error: 'The end date is before the first date.' };
    // The whole end day counts; with DTSTART;TZID, UNTIL must be in UTC (RFC 5545 §3.3.10).
    const endOfDay = new Date(zonedInstant(+m[1], +m[2], +m[3], 23, 59, timeZone).getTime() + 59000);
    parts.push(`UNTIL=${utcStamp(endOfDay)}`);
  }
  return { lines: [`RRULE:${parts.join(';')}`] };
}

/** The Repeat control's choice back from a series' lines; null when they say more than the control can show. */
export function parseRecurrence(lines: readonly string[], start: Date, timeZone: string): { spec: RepeatSpec; exceptions: number; until: Date | null } | null {
  const spec = defaultRepeat(start, timeZone);
  let exceptions = 0;
  let until: Date | null = null;
  let rule: string | null = null;
  for (const line of lines) {
    const name = line.split(/[:;]/, 1)[0].trim().toUpperCase();
    const value = line.slice(line.indexOf(':') + 1).trim();
    if (name === 'RRULE' && rule === null) rule = value;
    else if (name === 'EXDATE') exceptions += value.split(',').filter(Boolean).length;
    else if (name === 'RDATE') {
      for (const v of value.split(',')) {
        const m = /^(\d{4})(\d{2})(\d{2})/.exec(v.trim());
        if (m) spec.dates.push(`${m[1]}-${m[2]}-${m[3]}`);
      }
    } else return null;
  }
  if (rule === null) {
    if (spec.dates.length === 0) return null;
    spec.frequency = 'custom';
    return { spec, exceptions, until };
  }
  if (spec.dates.length > 0) return null; // a rule plus extra dates: more than the control shows
  const p = monthPosition(start, timeZone);
  for (const part of rule.split(';')) {
    const [key, raw = ''] = part.split('=');
    const v = raw.toUpperCase();
    switch (key.toUpperCase()) {
      case 'FREQ':
        if (!['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(v)) return null;
        spec.frequency = v.toLowerCase() as RepeatFrequency;
        break;
      case 'INTERVAL':
        spec.interval = Number(v);
        break;
      case 'COUNT':
        spec.end = { kind: 'count', count: Number(v) };
        break;
      case 'UNTIL': {
        const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(v);
        if (!m) return null;
        until = m[4] === undefined
          ? zonedInstant(+m[1], +m[2], +m[3], 23, 59, timeZone)
          : m[7] === 'Z' ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : zonedInstant(+m[1], +m[2], +m[3], +m[4], +m[5], timeZone);
        spec.end = { kind: 'until', date: lastDateBy(until, start, timeZone) };
        break;
      }
      case 'BYDAY': {
        const days = v.split(',').map(d => /^([+-]?\d)?(SU|MO|TU|WE|TH|FR|SA)$/.exec(d));
        if (days.some(d => !d)) return null;
        const ordinals = days.map(d => d![1]);
        if (ordinals.every(o => o === undefined)) {
          spec.weekdays = days.map(d => weekdayCodes.indexOf(d![2]));
        } else if (days.length === 1 && weekdayCodes.indexOf(days[0]![2]) === p.weekday) {
          const n = Number(ordinals[0]);
          if (n === -1 && p.last) spec.monthly = 'last';
          else if (n === p.nth) spec.monthly = 'nth';
          else return null;
        } else return null;
        break;
      }
      case 'BYMONTHDAY':
        if (Number(v) !== p.day) return null;
        spec.monthly = 'day';
        break;
      case 'WKST':
        break;
      default:
        return null; // BYMONTH, BYSETPOS …: a rule from elsewhere (the API, an import)
    }
  }
  if (spec.frequency === 'none' || !(spec.interval >= 1)) return null;
  return { spec, exceptions, until };
}

// The last date whose start (at the series' wall-clock time) is not after `until`.
function lastDateBy(until: Date, start: Date, timeZone: string): string {
  const s = wallTime(start, timeZone);
  const u = wallTime(until, timeZone);
  const sameDay = zonedInstant(u.year, u.month, u.day, s.hour, s.minute, timeZone);
  const day = sameDay.getTime() <= until.getTime() ? u : wallTime(startOfDay(until, timeZone, -1), timeZone);
  return `${day.year}-${pad2(day.month)}-${pad2(day.day)}`;
}

function joinWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The choice in words, e.g. "Weekly on Monday, 10 times" or "Monthly on the last Friday, until 31 Dec 2032". */
export function describeRepeat(spec: RepeatSpec, start: Date, timeZone?: string, locale?: string): string {
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const dayOf = (iso: string) => day.format(new Date(`${iso}T12:00:00Z`));
  const w = wallTime(start, timeZone);
  const n = Math.floor(spec.interval);
  const every = (one: string, many: string) => (n > 1 ? `Every ${n} ${many}` : one);
  let text: string;
  switch (spec.frequency) {
    case 'none':
      return 'Does not repeat';
    case 'custom': {
      const first = `${w.year}-${pad2(w.month)}-${pad2(w.day)}`;
      const all = [...new Set([first, ...spec.dates])].sort();
      return all.length === 1 ? `Only on ${dayOf(first)} so far: add the further dates` : `On ${all.length} dates: ${joinWords(all.map(dayOf))}`;
    }
    case 'daily':
      text = every('Daily', 'days');
      break;
    case 'weekly': {
      const days = [...new Set(spec.weekdays)].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
      const names = days.length === 5 && days.every(d => d >= 1 && d <= 5) ? ['weekdays (Monday to Friday)'] : days.map(d => weekdayNames[d]);
      text = `${every('Weekly', 'weeks')} on ${joinWords(names)}`;
      break;
    }
    case 'monthly': {
      const label = monthlyChoices(start, timeZone).find(c => c.mode === spec.monthly)?.label ?? `on day ${w.day}`;
      text = `${every('Monthly', 'months')} ${label}`;
      break;
    }
    case 'yearly':
      text = `${every('Yearly', 'years')} on ${w.day} ${monthNames[w.month - 1]}`;
      break;
  }
  return spec.end.kind === 'count'
    ? `${text}, ${spec.end.count === 1 ? 'once' : `${spec.end.count} times`}`
    : `${text}, until ${dayOf(spec.end.date)}`;
}

/** A series' lines in words for its dialog ("Weekly on Monday, 10 times, except 1 date"); unknown rules stay as given. */
export function describeRecurrence(lines: readonly string[], start: Date, timeZone: string, locale?: string): string {
  const parsed = parseRecurrence(lines, start, timeZone);
  if (!parsed) return `Repeats: ${lines.join(' ')}`;
  const text = describeRepeat(parsed.spec, start, timeZone, locale);
  return parsed.exceptions > 0 ? `${text}, except ${parsed.exceptions} ${parsed.exceptions === 1 ? 'date' : 'dates'}` : text;
}

/** Which dates of a repeating meeting a change or an answer is for (the seeds' update modes; the API's scope). */
export type SeriesScope = 'this' | 'following' | 'series';

/** The query string that names the dates: scope plus the date's original start (its RECURRENCE-ID). */
export function scopeQuery(scope: SeriesScope, originalStart: string | null | undefined): string {
  const q = new URLSearchParams({ scope });
  if (originalStart) q.set('occurrence', new Date(originalStart).toISOString());
  return `?${q}`;
}

/** EXDATE lines for dates left out of a new series, by their original start in the series' zone (RFC 5545 §3.8.5.1). */
export function exdateLines(originalStarts: readonly string[], timeZone: string): string[] {
  if (originalStarts.length === 0) return [];
  const values = originalStarts.map(s => {
    const w = wallTime(new Date(s), timeZone);
    return `${w.year}${pad2(w.month)}${pad2(w.day)}T${pad2(w.hour)}${pad2(w.minute)}${pad2(w.second)}`;
  });
  return [`EXDATE;TZID=${timeZone}:${values.join(',')}`];
}

/** Invitation statuses that still need an answer: not seen, moved, seen, moved-seen (5–8). */
export function isOpenAnswer(statusCode: number): boolean {
  return statusCode >= 5 && statusCode <= 8;
}

/**
 * Whether several dates of the series may move to another day together: the server rotates plain weekdays of a DAILY
 * or WEEKLY rule (ADR 0021) and refuses rules that pick days of the month or year (recurrence.following_day_shift).
 */
export function canMoveDatesToAnotherDay(lines: readonly string[]): boolean {
  const rule = lines.find(l => l.trim().toUpperCase().startsWith('RRULE'));
  if (!rule) return false;
  const parts = new Map(rule.slice(rule.indexOf(':') + 1).split(';').map(p => {
    const [k, v = ''] = p.split('=');
    return [k.trim().toUpperCase(), v.trim().toUpperCase()] as const;
  }));
  if (!['DAILY', 'WEEKLY'].includes(parts.get('FREQ') ?? '')) return false;
  if (['BYMONTHDAY', 'BYSETPOS', 'BYMONTH', 'BYYEARDAY', 'BYWEEKNO'].some(k => parts.has(k))) return false;
  return (parts.get('BYDAY') ?? '').split(',').filter(Boolean).every(d => /^(SU|MO|TU|WE|TH|FR|SA)$/.test(d));
}
