import { describe, expect, it } from 'vitest';
import { describeProblem, firstAvailable, fromLocalInput, isKnownZone, newNotifications, notificationActions, overlaps, placeBlock, searchCandidates, startOfWeek, statusMark, toCalendarEvent, toLocalInput, wallTime, zonedInstant } from './logic';
import type { Candidate, DiaryEntry } from './types';

const entry = (over: Partial<DiaryEntry>): DiaryEntry => ({
  rowId: 1, appointmentId: 1, associateId: 2, ownerId: 2, title: 'Budget', location: null,
  start: '2030-01-07T09:00:00Z', end: '2030-01-07T10:00:00Z', private: false, free: false,
  busyOnly: false, pending: false, status: 'Owner', statusCode: 1, ...over,
});

describe('statusMark', () => {
  it('maps the four seed symbols', () => {
    expect(statusMark({ status: 'Accepted', kind: 'Associate' }).symbol).toBe('✓');
    expect(statusMark({ status: 'Declined', kind: 'Associate' }).symbol).toBe('✗');
    expect(statusMark({ status: 'Seen', kind: 'Associate' }).symbol).toBe('eye');
    expect(statusMark({ status: 'MovedSeen', kind: 'Associate' }).symbol).toBe('eye');
    expect(statusMark({ status: 'NotSeen', kind: 'Associate' }).symbol).toBe('');
    expect(statusMark({ status: 'Moved', kind: 'Associate' }).symbol).toBe('');
  });
  it('calls an accepted resource booked', () => {
    expect(statusMark({ status: 'Accepted', kind: 'Resource' }).label).toBe('Booked');
  });
});

describe('notificationActions', () => {
  it('answers invitations and acknowledges the rest', () => {
    expect(notificationActions('NewMeeting')).toEqual(['accept', 'decline']);
    expect(notificationActions('MeetingChanged')).toEqual(['accept', 'decline']);
    expect(notificationActions('MeetingCancelled')).toEqual(['gotit']);
    expect(notificationActions('InvitationDeclined')).toEqual(['gotit']);
    expect(notificationActions('Assigned')).toEqual(['accept', 'decline']);
    expect(notificationActions('OrganizerChanged')).toEqual(['gotit']);
  });
});

describe('toCalendarEvent', () => {
  it('lets the owner drag only their own meeting', () => {
    expect(toCalendarEvent(entry({}), 2).editable).toBe(true);
    expect(toCalendarEvent(entry({}), 3).editable).toBe(false);
    expect(toCalendarEvent(entry({ status: 'Accepted', ownerId: 2 }), 3).editable).toBe(false);
  });
  it('shows busy-only rows without a title', () => {
    const e = toCalendarEvent(entry({ busyOnly: true, title: null, appointmentId: null, ownerId: null }), 3);
    expect(e.title).toBe('Busy');
    expect(e.classNames).toContain('ev-busy');
    expect(e.editable).toBe(false);
  });
  it('marks pending invitations', () => {
    const e = toCalendarEvent(entry({ pending: true, status: 'NotSeen', ownerId: 4 }), 2);
    expect(e.classNames).toContain('ev-pending');
    expect(e.title).toBe('Invitation: Budget');
  });
});

describe('local input', () => {
  it('round-trips', () => {
    const d = new Date(2030, 0, 7, 9, 30);
    expect(toLocalInput(d)).toBe('2030-01-07T09:30');
    expect(fromLocalInput('2030-01-07T09:30')?.getTime()).toBe(d.getTime());
    expect(fromLocalInput('2030-01-07')).toBeNull();
  });
});

describe('searchCandidates', () => {
  const all: Candidate[] = [
    { key: 'a3', kind: 'Associate', associateId: 3, name: 'Ingrid Dahl', detail: 'ingrid' },
    { key: 'a5', kind: 'Resource', associateId: 5, name: 'Room Fjord', detail: 'Room' },
    { key: 'p1', kind: 'Person', personId: 1, name: 'Frantz Olsen', detail: 'Nordic Fisk AS' },
  ];
  it('matches every word in name or detail and skips chosen ones', () => {
    expect(searchCandidates(all, 'nordic', new Set()).map(c => c.key)).toEqual(['p1']);
    expect(searchCandidates(all, 'room fj', new Set()).map(c => c.key)).toEqual(['a5']);
    expect(searchCandidates(all, 'room', new Set(['a5']))).toEqual([]);
    expect(searchCandidates(all, '  ', new Set())).toEqual([]);
  });
});

describe('firstAvailable', () => {
  const at = (h: number, m = 0, day = 7) => new Date(2030, 0, day, h, m).getTime();
  it('is half-open: back-to-back is free', () => {
    expect(overlaps({ start: at(9), end: at(10) }, { start: at(10), end: at(11) })).toBe(false);
  });
  it('skips busy time onto the 15-minute grid', () => {
    const busy = [{ start: at(9), end: at(10, 10) }];
    expect(firstAvailable(busy, new Date(at(9)), 3600000)?.getTime()).toBe(at(10, 15));
  });
  it('moves to the next working day when the day is full', () => {
    const busy = [{ start: at(8), end: at(16) }];
    // 2030-01-07 is a Monday
    expect(firstAvailable(busy, new Date(at(9)), 3600000)?.getTime()).toBe(at(8, 0, 8));
  });
  it('skips weekends', () => {
    // Friday 15:30 with one hour: Monday 08:00
    expect(firstAvailable([], new Date(at(15, 30, 11)), 3600000)?.getTime()).toBe(at(8, 0, 14));
  });
});

describe('newNotifications', () => {
  it('finds the ones not seen before', () => {
    const n = (id: number) => ({ id, kind: 'NewMeeting' as const, appointmentId: 1, rowId: 1, createdAt: '', text: '' });
    expect(newNotifications([n(1)], [n(1), n(2)]).map(x => x.id)).toEqual([2]);
  });
});

describe('time zones', () => {
  it('shows an instant in the associate zone, not the browser one', () => {
    const instant = new Date('2030-01-08T09:00:00Z');
    expect(toLocalInput(instant, 'Europe/Oslo')).toBe('2030-01-08T10:00');
    expect(toLocalInput(instant, 'America/New_York')).toBe('2030-01-08T04:00');
    expect(fromLocalInput('2030-01-08T10:00', 'Europe/Oslo')?.toISOString()).toBe('2030-01-08T09:00:00.000Z');
    expect(fromLocalInput('2030-07-08T10:00', 'Europe/Oslo')?.toISOString()).toBe('2030-07-08T08:00:00.000Z');
  });

  it('reads a wall time in a DST gap after the gap and in an overlap as the first occurrence', () => {
    // Europe/Oslo 2030: clocks go 02:00 -> 03:00 on 31 March and 03:00 -> 02:00 on 27 October
    expect(zonedInstant(2030, 3, 31, 2, 30, 'Europe/Oslo').toISOString()).toBe('2030-03-31T01:30:00.000Z');
    expect(zonedInstant(2030, 10, 27, 2, 30, 'Europe/Oslo').toISOString()).toBe('2030-10-27T00:30:00.000Z');
    expect(wallTime(new Date('2030-10-27T01:30:00Z'), 'Europe/Oslo').hour).toBe(2);
  });

  it('starts the week on Monday in the zone', () => {
    // Sunday 23:30 UTC is already Monday in Oslo
    expect(startOfWeek(new Date('2030-01-13T23:30:00Z'), 'Europe/Oslo').toISOString()).toBe('2030-01-13T23:00:00.000Z');
    expect(startOfWeek(new Date('2030-01-13T22:30:00Z'), 'Europe/Oslo').toISOString()).toBe('2030-01-06T23:00:00.000Z');
  });

  it('knows a real zone from a typo', () => {
    expect(isKnownZone('Europe/Oslo')).toBe(true);
    expect(isKnownZone('Europe/Atlantis')).toBe(false);
    expect(isKnownZone(null)).toBe(false);
  });
});

describe('group view timeline', () => {
  const monday = new Date('2030-01-06T23:00:00Z'); // Monday 7 January 2030, 00:00 in Oslo

  it('places a day block by its share of the hours shown', () => {
    // 08:00-20:00 shown; 10:00-11:00 Oslo is 2/12 in, 1/12 wide
    const [piece] = placeBlock(new Date('2030-01-07T09:00:00Z'), new Date('2030-01-07T10:00:00Z'), monday, 1, 8, 20, 'Europe/Oslo');
    expect(piece.column).toBe(0);
    expect(piece.left).toBeCloseTo(2 / 12);
    expect(piece.width).toBeCloseTo(1 / 12);
  });

  it('splits a block over midnight into a piece per day and clips to the hours shown', () => {
    const pieces = placeBlock(new Date('2030-01-08T17:00:00Z'), new Date('2030-01-09T09:00:00Z'), monday, 7, 8, 20, 'Europe/Oslo');
    expect(pieces.map(p => p.column)).toEqual([1, 2]);
    expect(pieces[0].left).toBeCloseTo((1 + 10 / 12) / 7); // Tuesday 18:00
    expect(pieces[0].width).toBeCloseTo(2 / 12 / 7); // to 20:00
    expect(pieces[1].left).toBeCloseTo(2 / 7); // Wednesday from 08:00
    expect(pieces[1].width).toBeCloseTo(2 / 12 / 7); // to 10:00
  });

  it('draws nothing outside the hours shown', () => {
    expect(placeBlock(new Date('2030-01-07T04:00:00Z'), new Date('2030-01-07T05:00:00Z'), monday, 1, 8, 20, 'Europe/Oslo')).toEqual([]);
  });
});

describe('problems in words', () => {
  it('says what went wrong and what to do', () => {
    expect(describeProblem(0, 'x', 'load')).toContain('server cannot be reached');
    expect(describeProblem(403, 'Only the organiser may edit.', 'save')).toBe('You are not allowed to do this: Only the organiser may edit.');
    expect(describeProblem(409, 'Room Fjord is booked 10:00-11:00.', 'save')).toBe('Conflict: Room Fjord is booked 10:00-11:00.');
    expect(describeProblem(412, 'stale', 'save')).toContain('Someone changed this meeting');
    expect(describeProblem(503, 'x', 'load')).toContain('server failed (503)');
  });
});
