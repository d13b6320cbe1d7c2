import { defaultCalendar as calendar } from './holiday-calendar';
import { decisionLimit, dueAt, elapsed, status, type Extension, type Limit } from './clock.workflow';
import type { Pause } from './clock-intervals';
import { DAY, endOf, HOUR, MINUTE, sh } from './test-helpers';

const pause = (start: string, end: string | null, reason = 'hearing 听证'): Pause => ({
  start: sh(start),
  end: end === null ? null : sh(end),
  reason,
});
const ext = (amount: number, unit: Extension['unit'], approvedAt: string): Extension => ({
  amount,
  unit,
  approvedBy: 'bureau-chief-1',
  approvedAt: sh(approvedAt),
});
const iso = (d: Date | null) => (d === null ? null : d.toISOString());

describe('decisionLimit: 90 calendar days from filing (《行政处罚法》第六十条)', () => {
  const filed = sh('2026-03-10T10:00');
  test.each([
    // [why, filedAt, pauses, extensions, expected last day (null = clock stopped)]
    ['plain: 10 Mar → 8 Jun', filed, [], [], '2026-06-08'],
    ['last day 国庆 1 Oct → 8 Oct', sh('2026-07-03T09:00'), [], [], '2026-10-08'],
    ['filed 00:30 Shanghai on 1 Jul (30 Jun in UTC)', new Date('2026-06-30T16:30:00Z'), [], [], '2026-09-29'],
    ['a closed 14-day hearing pause adds 14 days', filed, [pause('2026-04-01T00:00', '2026-04-15T00:00')], [], '2026-06-22'],
    [
      'a 2 d 6 h appraisal pause ends the limit at 24:00 of the day it reaches',
      filed,
      [pause('2026-04-01T09:00', '2026-04-03T15:00', 'appraisal 鉴定')],
      [],
      '2026-06-11',
    ],
    ['an open pause stops the clock', filed, [pause('2026-05-01T09:00', null)], [], null],
    ['an open pause begun after the limit ran out stops nothing', filed, [pause('2026-06-10T09:00', null)], [], '2026-06-08'],
    ['a closed pause after the limit changes nothing', filed, [pause('2026-06-10T09:00', '2026-06-20T09:00')], [], '2026-06-08'],
    [
      'a pause begun in the rest-day grace (last day 1 Oct moved to 8 Oct) keeps the grace: 8 Oct + 2 days',
      sh('2026-07-03T09:00'),
      [pause('2026-10-03T00:00', '2026-10-05T00:00')],
      [],
      '2026-10-10',
    ],
    ['an open pause begun in the rest-day grace stops the clock', sh('2026-07-03T09:00'), [pause('2026-10-03T09:00', null)], [], null],
    [
      'a pause begun after the moved last day changes nothing',
      sh('2026-07-03T09:00'),
      [pause('2026-10-09T09:00', '2026-10-12T09:00')],
      [],
      '2026-10-08',
    ],
    ['+30 days approved (market regulation)', filed, [], [ext(30, 'calendarDays', '2026-06-01T10:00')], '2026-07-08'],
    [
      '90 + 30 days runs on from the raw 90th day (1 Oct) and lands on Sat 31 Oct → Mon 2 Nov',
      sh('2026-07-03T09:00'),
      [],
      [ext(30, 'calendarDays', '2026-09-20T10:00')],
      '2026-11-02',
    ],
    [
      'extension and pause together',
      filed,
      [pause('2026-04-01T00:00', '2026-04-15T00:00')],
      [ext(30, 'calendarDays', '2026-06-01T10:00')],
      '2026-07-22',
    ],
    ['an extension in working days', filed, [], [ext(5, 'workingDays', '2026-06-01T10:00')], '2026-06-15'],
  ] as const)('%s', (_why, filedAt, pauses, extensions, last) => {
    const due = decisionLimit({ filedAt, pauses: [...pauses], extensions: [...extensions], calendar });
    expect(iso(due)).toBe(last === null ? null : endOf(last));
  });

  test('a decision one minute after the limit is overdue; one minute before it is on time', () => {
    const due = decisionLimit({ filedAt: filed, calendar });
    expect(due).not.toBeNull();
    expect(status({ dueAt: due!, now: sh('2026-06-09T00:01'), warnBeforeMs: 7 * DAY })).toBe('overdue');
    expect(status({ dueAt: due!, now: sh('2026-06-08T23:59'), warnBeforeMs: 7 * DAY })).toBe('warning');
  });

  test('an extension must say who approved it', () => {
    const unapproved = { ...ext(30, 'calendarDays', '2026-06-01T10:00'), approvedBy: ' ' };
    expect(() => decisionLimit({ filedAt: filed, extensions: [unapproved], calendar })).toThrow(/approved/);
  });
});

describe('dueAt', () => {
  const start = sh('2026-03-10T10:00'); // a Tuesday
  const hours48: Limit = { unit: 'hours', amount: 48 };
  test.each([
    // [why, limit, pauses, extensions, expected due (Shanghai wall clock or 'end:<day>')]
    ['48 h, no pauses', hours48, [], [], '2026-03-12T10:00'],
    ['a 3 h pause adds 3 h', hours48, [pause('2026-03-10T12:00', '2026-03-10T15:00')], [], '2026-03-12T13:00'],
    [
      'overlapping pauses count once (12–16 and 14–18 = 6 h)',
      hours48,
      [pause('2026-03-10T12:00', '2026-03-10T16:00'), pause('2026-03-10T14:00', '2026-03-10T18:00')],
      [],
      '2026-03-12T16:00',
    ],
    ['a pause begun before the start counts only from the start', hours48, [pause('2026-03-10T08:00', '2026-03-10T12:00')], [], '2026-03-12T12:00'],
    ['a pause wholly before the start is ignored', hours48, [pause('2026-03-09T08:00', '2026-03-09T12:00')], [], '2026-03-12T10:00'],
    ['a zero-length pause is ignored', hours48, [pause('2026-03-11T08:00', '2026-03-11T08:00')], [], '2026-03-12T10:00'],
    [
      'a pause after the original due time counts once an earlier pause has pushed the due time past it',
      hours48,
      [pause('2026-03-10T12:00', '2026-03-11T12:00'), pause('2026-03-12T20:00', '2026-03-12T22:00')],
      [],
      '2026-03-13T12:00',
    ],
    ['a pause starting exactly at the due time still counts', hours48, [pause('2026-03-12T10:00', '2026-03-12T11:00')], [], '2026-03-12T11:00'],
    ['+24 h extension', hours48, [], [ext(24, 'hours', '2026-03-11T10:00')], '2026-03-13T10:00'],
    ['+1 day extension on an hour limit ends 24:00 of the next day', hours48, [], [ext(1, 'calendarDays', '2026-03-11T10:00')], 'end:2026-03-13'],
    [
      'extensions apply in approval order, whatever the array order',
      hours48,
      [],
      [ext(1, 'calendarDays', '2026-03-12T08:00'), ext(2, 'hours', '2026-03-11T10:00')],
      'end:2026-03-13',
    ],
    ['5 working days from Tuesday', { unit: 'workingDays', amount: 5 }, [], [], 'end:2026-03-17'],
    [
      'a pause over a weekend does not move a working-day limit',
      { unit: 'workingDays', amount: 5 },
      [pause('2026-03-14T00:00', '2026-03-16T00:00')],
      [],
      'end:2026-03-17',
    ],
    [
      'a pause of one working day moves it one working day',
      { unit: 'workingDays', amount: 5 },
      [pause('2026-03-12T00:00', '2026-03-13T00:00')],
      [],
      'end:2026-03-18',
    ],
    [
      'a part of a working day paused gives back that whole day',
      { unit: 'workingDays', amount: 5 },
      [pause('2026-03-13T18:00', '2026-03-16T00:00')],
      [],
      'end:2026-03-18',
    ],
    ['8 working hours over 国庆', { unit: 'workingHours', amount: 8 }, [], [], '2026-10-08T04:00'],
    [
      'a pause inside the holiday does not move a working-hour limit',
      { unit: 'workingHours', amount: 8 },
      [pause('2026-10-02T09:00', '2026-10-05T09:00')],
      [],
      '2026-10-08T04:00',
    ],
    [
      '2 paused working hours move it 2 hours',
      { unit: 'workingHours', amount: 8 },
      [pause('2026-09-30T21:00', '2026-09-30T23:00')],
      [],
      '2026-10-08T06:00',
    ],
    ['5 calendar days ending on a Sunday move to Monday', { unit: 'calendarDays', amount: 5 }, [], [], 'end:2026-03-16'],
  ] as const)('%s', (_why, limit, pauses, extensions, expected) => {
    const from = limit.unit === 'workingHours' ? sh('2026-09-30T20:00') : start;
    const due = dueAt({ start: from, limit, pauses: [...pauses], extensions: [...extensions], calendar });
    expect(iso(due)).toBe(expected.startsWith('end:') ? endOf(expected.slice(4)) : sh(expected).toISOString());
  });

  test('3 working days with 2 of them paused across 国庆 end on the make-up Saturday', () => {
    const due = dueAt({
      start: sh('2026-09-28T10:00'),
      limit: { unit: 'workingDays', amount: 3 },
      pauses: [pause('2026-09-30T00:00', '2026-10-09T00:00', 'public notice 公告')],
      calendar,
    });
    expect(iso(due)).toBe(endOf('2026-10-10'));
  });

  test('endOnHolidayExtends: false counts plain calendar days', () => {
    const due = dueAt({ start, limit: { unit: 'calendarDays', amount: 5 }, calendar, endOnHolidayExtends: false });
    expect(iso(due)).toBe(endOf('2026-03-15'));
  });

  test('a pause that ends before it starts is refused', () => {
    const bad = pause('2026-03-11T10:00', '2026-03-11T09:00');
    expect(() => dueAt({ start, limit: hours48, pauses: [bad], calendar })).toThrow(RangeError);
  });

  test('an unknown unit is refused', () => {
    const limit = { unit: 'fortnights', amount: 1 } as unknown as Limit;
    expect(() => dueAt({ start, limit, calendar })).toThrow(/unknown limit unit/);
  });
});

describe('elapsed: active time with pauses excluded', () => {
  const start = '2026-03-10T10:00';
  const end = '2026-03-13T10:00'; // 72 h later
  test.each([
    ['no pauses', [], 72 * HOUR],
    ['a closed 3 h pause', [pause('2026-03-11T10:00', '2026-03-11T13:00')], 69 * HOUR],
    ['an open pause runs to the end', [pause('2026-03-12T10:00', null)], 48 * HOUR],
    ['a pause straddling the start', [pause('2026-03-10T08:00', '2026-03-10T12:00')], 70 * HOUR],
    ['a pause straddling the end', [pause('2026-03-13T08:00', '2026-03-13T12:00')], 70 * HOUR],
    ['overlapping pauses count once', [pause('2026-03-11T10:00', '2026-03-11T14:00'), pause('2026-03-11T12:00', '2026-03-11T16:00')], 66 * HOUR],
    ['pauses outside the window are ignored', [pause('2026-03-01T10:00', '2026-03-02T10:00'), pause('2026-03-20T10:00', null)], 72 * HOUR],
  ] as const)('%s', (_why, pauses, expected) => {
    expect(elapsed({ start: sh(start), end: sh(end), pauses: [...pauses] })).toBe(expected);
  });

  test('accepts epoch milliseconds and refuses an end before the start', () => {
    expect(elapsed({ start: sh(start).getTime(), end: sh(end).getTime() })).toBe(72 * HOUR);
    expect(() => elapsed({ start: sh(end), end: sh(start) })).toThrow(RangeError);
  });
});

describe('status', () => {
  const due = new Date(endOf('2026-06-08'));
  const at = (offsetMs: number) => new Date(due.getTime() + offsetMs);
  test.each([
    ['missed by one minute', MINUTE, DAY, 'overdue'],
    ['missed by one millisecond', 1, DAY, 'overdue'],
    ['exactly at the due instant (24:00 belongs to the last day)', 0, DAY, 'warning'],
    ['one minute before', -MINUTE, DAY, 'warning'],
    ['just inside the warning window', -DAY + 1, DAY, 'warning'],
    ['exactly one warning window before', -DAY, DAY, 'ok'],
    ['a zero warning window disables warnings, even at the due instant', 0, 0, 'ok'],
    ['long before', -30 * DAY, DAY, 'ok'],
  ] as const)('%s → %s', (_why, offset, warnBeforeMs, expected) => {
    expect(status({ dueAt: due, now: at(offset), warnBeforeMs })).toBe(expected);
  });

  test('refuses a negative warning window', () => {
    expect(() => status({ dueAt: due, now: due, warnBeforeMs: -1 })).toThrow(RangeError);
  });
});
