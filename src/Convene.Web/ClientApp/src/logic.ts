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

/** yyyy-MM-ddTHH:mm in the browser's time zone, for <input type="datetime-local">. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The reverse of toLocalInput; null when the text is not a complete local date and time. */
export function fromLocalInput(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const d = new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
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
