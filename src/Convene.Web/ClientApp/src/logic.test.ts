import { describe, expect, it } from 'vitest';
import { canMoveDatesToAnotherDay, defaultRepeat, exdateLines, isOpenAnswer, describeProblem, describeRecurrence, describeRepeat, firstAvailable, monthlyChoices, parseRecurrence, recurrenceLines, scopeQuery, type RepeatSpec, fromLocalInput, isKnownZone, newNotifications, notificationActions, overlaps, placeBlock, searchCandidates, startOfWeek, statusMark, toCalendarEvent, toLocalInput, wallTime, zonedInstant } from './logic';
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

describe('repeat control', () => {
  const zone = 'Europe/Oslo';
  // Monday 7 January 2030, 09:00 in Oslo (08:00Z)
  const monday = new Date('2030-01-07T08:00:00Z');
  const spec = (over: Partial<RepeatSpec>): RepeatSpec => ({ ...defaultRepeat(monday, zone), ...over });
  const lines = (s: RepeatSpec, start = monday) => recurrenceLines(s, start, zone);

  it('does not repeat by default, on the start weekday', () => {
    expect(defaultRepeat(monday, zone)).toMatchObject({ frequency: 'none', weekdays: [1], end: { kind: 'count', count: 10 } });
    expect(lines(defaultRepeat(monday, zone))).toEqual({ lines: [] });
  });

  it('writes daily, weekly, monthly and yearly rules with a count', () => {
    expect(lines(spec({ frequency: 'daily', end: { kind: 'count', count: 5 } }))).toEqual({ lines: ['RRULE:FREQ=DAILY;COUNT=5'] });
    expect(lines(spec({ frequency: 'weekly' }))).toEqual({ lines: ['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10'] });
    expect(lines(spec({ frequency: 'weekly', interval: 2, weekdays: [0, 3, 1] }))).toEqual({ lines: ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,SU;COUNT=10'] });
    expect(lines(spec({ frequency: 'monthly', monthly: 'day' }))).toEqual({ lines: ['RRULE:FREQ=MONTHLY;BYMONTHDAY=7;COUNT=10'] });
    expect(lines(spec({ frequency: 'monthly', monthly: 'nth' }))).toEqual({ lines: ['RRULE:FREQ=MONTHLY;BYDAY=1MO;COUNT=10'] });
    expect(lines(spec({ frequency: 'yearly', end: { kind: 'count', count: 3 } }))).toEqual({ lines: ['RRULE:FREQ=YEARLY;COUNT=3'] });
  });

  it('offers the last weekday only in the last week of the month', () => {
    const lastFriday = new Date('2033-01-28T09:00:00Z'); // Friday 28 January 2033, 10:00 Oslo
    expect(monthlyChoices(lastFriday, zone).map(c => c.label)).toEqual(['on day 28', 'on the 4th Friday', 'on the last Friday']);
    expect(monthlyChoices(monday, zone).map(c => c.mode)).toEqual(['day', 'nth']);
    expect(recurrenceLines(spec({ frequency: 'monthly', monthly: 'last', end: { kind: 'count', count: 36 } }), lastFriday, zone))
      .toEqual({ lines: ['RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=36'] });
    const fifth = new Date('2030-01-29T08:00:00Z'); // the 5th Tuesday: only "last", never "5th"
    expect(monthlyChoices(fifth, zone).map(c => c.mode)).toEqual(['day', 'last']);
  });

  it('ends on a date with UNTIL in UTC at the end of that day in the zone (RFC 5545 §3.3.10)', () => {
    expect(lines(spec({ frequency: 'weekly', end: { kind: 'until', date: '2030-03-25' } }))).toEqual({ lines: ['RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20300325T225959Z'] });
    // after the spring-forward change Oslo is UTC+2
    expect(lines(spec({ frequency: 'weekly', end: { kind: 'until', date: '2030-04-01' } }))).toEqual({ lines: ['RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20300401T215959Z'] });
  });

  it('lists custom dates as RDATE at the start time in the zone', () => {
    expect(lines(spec({ frequency: 'custom', dates: ['2030-02-04', '2030-01-15', '2030-01-15'] })))
      .toEqual({ lines: ['RDATE;TZID=Europe/Oslo:20300115T090000,20300204T090000'] });
  });

  it('explains what is missing instead of writing a wrong rule', () => {
    expect(lines(spec({ frequency: 'weekly', weekdays: [] }))).toEqual({ error: 'Pick at least one weekday.' });
    expect(lines(spec({ frequency: 'daily', end: { kind: 'count', count: 0 } }))).toHaveProperty('error');
    expect(lines(spec({ frequency: 'daily', end: { kind: 'count', count: 3001 } }))).toHaveProperty('error');
    expect(lines(spec({ frequency: 'daily', end: { kind: 'until', date: '2029-12-31' } }))).toHaveProperty('error');
    expect(lines(spec({ frequency: 'custom', dates: [] }))).toEqual({ error: 'Add at least one more date.' });
    expect(lines(spec({ frequency: 'custom', dates: ['2030-01-07'] }))).toHaveProperty('error');
    expect(lines(spec({ frequency: 'daily', interval: 0 }))).toHaveProperty('error');
  });

  it('says the choice in words', () => {
    const say = (s: Partial<RepeatSpec>, start = monday) => describeRepeat(spec(s), start, zone, 'en-GB');
    expect(say({})).toBe('Does not repeat');
    expect(say({ frequency: 'weekly' })).toBe('Weekly on Monday, 10 times');
    expect(say({ frequency: 'weekly', interval: 2, weekdays: [3, 1] })).toBe('Every 2 weeks on Monday and Wednesday, 10 times');
    expect(say({ frequency: 'weekly', weekdays: [1, 2, 3, 4, 5] })).toBe('Weekly on weekdays (Monday to Friday), 10 times');
    expect(say({ frequency: 'daily', interval: 3, end: { kind: 'until', date: '2030-02-01' } })).toBe('Every 3 days, until 1 Feb 2030');
    expect(say({ frequency: 'monthly', monthly: 'last', end: { kind: 'count', count: 36 } }, new Date('2033-01-28T09:00:00Z'))).toBe('Monthly on the last Friday, 36 times');
    expect(say({ frequency: 'monthly', monthly: 'nth' })).toBe('Monthly on the 1st Monday, 10 times');
    expect(say({ frequency: 'yearly', end: { kind: 'count', count: 1 } })).toBe('Yearly on 7 January, once');
    expect(say({ frequency: 'custom', dates: ['2030-01-15'] })).toBe('On 2 dates: 7 Jan 2030 and 15 Jan 2030');
    expect(say({ frequency: 'custom', dates: [] })).toBe('Only on 7 Jan 2030 so far: add the further dates');
  });

  it('reads a series\' lines back, also after a split or a cancelled date', () => {
    const round = (s: RepeatSpec, start = monday) => {
      const written = recurrenceLines(s, start, zone);
      if (!('lines' in written)) throw new Error(written.error);
      return parseRecurrence(written.lines, start, zone)?.spec;
    };
    for (const s of [
      spec({ frequency: 'weekly', interval: 2, weekdays: [1, 3] }),
      spec({ frequency: 'daily', end: { kind: 'until', date: '2030-02-01' } }),
      spec({ frequency: 'monthly', monthly: 'nth' }),
      spec({ frequency: 'yearly', interval: 2 }),
    ]) {
      expect(round(s)).toEqual(s);
    }
    expect(round(spec({ frequency: 'custom', dates: ['2030-01-15'] }))?.dates).toEqual(['2030-01-15']);
    // the server ends a split rule one second before the split date (ADR 0014): the series runs until the day before
    expect(describeRecurrence(['RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20360317T075959Z'], new Date('2036-03-03T08:00:00Z'), zone, 'en-GB'))
      .toBe('Weekly on Monday, until 16 Mar 2036');
    expect(describeRecurrence(['RRULE:FREQ=WEEKLY;COUNT=3', 'EXDATE;TZID=Europe/Oslo:20360414T090000'], new Date('2036-04-07T07:00:00Z'), zone, 'en-GB'))
      .toBe('Weekly on Monday, 3 times, except 1 date');
    expect(describeRecurrence(['RRULE:FREQ=MONTHLY;BYMONTH=1,7;BYSETPOS=1'], monday, zone)).toBe('Repeats: RRULE:FREQ=MONTHLY;BYMONTH=1,7;BYSETPOS=1');
  });

  it('names the date of a change by its original start', () => {
    expect(scopeQuery('this', '2036-02-11T08:00:00Z')).toBe('?scope=this&occurrence=2036-02-11T08%3A00%3A00.000Z');
    expect(scopeQuery('series', null)).toBe('?scope=series');
  });
});

describe('series dates', () => {
  it('leaves dates out with one EXDATE line in the zone', () => {
    expect(exdateLines([], 'Europe/Oslo')).toEqual([]);
    expect(exdateLines(['2030-01-14T08:00:00Z', '2030-04-01T07:00:00Z'], 'Europe/Oslo')).toEqual(['EXDATE;TZID=Europe/Oslo:20300114T090000,20300401T090000']);
  });
  it('knows which answers are open', () => {
    expect([1, 5, 6, 7, 8, 9, 10].filter(isOpenAnswer)).toEqual([5, 6, 7, 8]);
  });
});

describe('moving several dates to another day', () => {
  it('is for plain daily and weekly rules only (ADR 0021)', () => {
    expect(canMoveDatesToAnotherDay(['RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10'])).toBe(true);
    expect(canMoveDatesToAnotherDay(['RRULE:FREQ=DAILY;COUNT=5', 'EXDATE;TZID=Europe/Oslo:20300108T090000'])).toBe(true);
    expect(canMoveDatesToAnotherDay(['RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=36'])).toBe(false);
    expect(canMoveDatesToAnotherDay(['RRULE:FREQ=WEEKLY;BYDAY=MO;BYSETPOS=1'])).toBe(false);
    expect(canMoveDatesToAnotherDay(['RDATE;TZID=Europe/Oslo:20300115T090000'])).toBe(false);
  });
});
