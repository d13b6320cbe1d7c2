import { defaultCalendar as cal, createCalendar } from './holiday-calendar';
import { addCalendarDays, addHours, addStatutoryDays, addWorkingDays, isWorkingDay } from './clock.workflow';
import { endOf, sh } from './test-helpers';

describe('isWorkingDay uses the Asia/Shanghai day, not the UTC day', () => {
  test.each([
    ['2026-09-30T15:59:59.999Z', true, 'Wed 30 Sep 23:59 in Shanghai'],
    ['2026-09-30T16:00:00.000Z', false, 'Thu 1 Oct 00:00 in Shanghai (国庆), still 30 Sep in UTC'],
    ['2026-01-03T15:59:59.999Z', false, 'Sat 3 Jan 23:59 (元旦 block)'],
    ['2026-01-03T16:00:00.000Z', true, 'Sun 4 Jan 00:00, a make-up working Sunday'],
    ['2026-02-13T16:30:00.000Z', true, 'Sat 14 Feb 00:30, make-up Saturday before 春节'],
  ])('%s → %s (%s)', (iso, expected) => {
    expect(isWorkingDay(cal, new Date(iso))).toBe(expected);
    expect(isWorkingDay(cal, Date.parse(iso))).toBe(expected);
  });

  test('accepts a YYYY-MM-DD day and rejects a malformed one', () => {
    expect(isWorkingDay(cal, '2026-02-28')).toBe(true);
    expect(isWorkingDay(cal, '2026-02-22')).toBe(false);
    expect(() => isWorkingDay(cal, '2026/02/28')).toThrow(RangeError);
  });
});

describe('addCalendarDays: start day not counted, ends 24:00 Shanghai, rest-day rule (民法典 201, 203)', () => {
  test.each([
    // [start (Shanghai), days, last day with the rest-day rule, last day without it, why]
    ['2026-03-10T10:00', 90, '2026-06-08', '2026-06-08', '90 days from a Tuesday filing ends on a Monday'],
    ['2026-03-10T23:59', 1, '2026-03-11', '2026-03-11', 'the hour of the event does not matter, only its day'],
    ['2026-03-10T00:00', 1, '2026-03-11', '2026-03-11', 'an event at 00:00 still does not count its own day'],
    ['2026-03-10T10:00', 5, '2026-03-16', '2026-03-15', 'last day an ordinary Sunday → Monday'],
    ['2026-07-03T09:00', 90, '2026-10-08', '2026-10-01', 'last day 国庆 1 Oct → first working day after the golden week'],
    ['2026-07-12T09:00', 90, '2026-10-10', '2026-10-10', 'last day the make-up Saturday 10 Oct is a working day: no move'],
    ['2026-02-01T09:00', 15, '2026-02-24', '2026-02-16', 'fine payment (15 days) ending inside 春节'],
    ['2025-12-29T09:00', 3, '2026-01-04', '2026-01-01', 'across the year: 元旦 → the make-up Sunday 4 Jan'],
    ['2026-12-25T09:00', 10, '2027-01-04', '2027-01-04', 'across the year into a Monday'],
    ['2026-03-10T10:00', 0, '2026-03-10', '2026-03-10', '0 days: the end of the event day'],
    ['2026-03-14T10:00', 0, '2026-03-16', '2026-03-14', '0 days on a Saturday: moved to Monday'],
  ])('%s + %i days → 24:00 of %s (plain: %s) — %s', (start, days, extended, plain) => {
    expect(addCalendarDays(sh(start), days).toISOString()).toBe(endOf(extended));
    expect(addCalendarDays(sh(start), days, { calendar: cal, endOnHolidayExtends: true }).toISOString()).toBe(endOf(extended));
    expect(addCalendarDays(sh(start), days, { endOnHolidayExtends: false }).toISOString()).toBe(endOf(plain));
  });

  test('counts from the Shanghai day: 2026-06-30T16:30Z is already 1 July', () => {
    // UTC day counting would give 28 September; Shanghai gives 29 September (a Tuesday).
    expect(addCalendarDays(new Date('2026-06-30T16:30:00Z'), 90).toISOString()).toBe(endOf('2026-09-29'));
    expect(addCalendarDays(new Date('2026-06-30T15:30:00Z'), 90).toISOString()).toBe(endOf('2026-09-28'));
  });

  test('uses the calendar it is given', () => {
    const custom = createCalendar({ holidays: ['2026-06-08'], workdays: [] });
    expect(addCalendarDays(sh('2026-03-10T10:00'), 90, { calendar: custom }).toISOString()).toBe(endOf('2026-06-09'));
  });

  test.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %p days', (days) => {
    expect(() => addCalendarDays(sh('2026-03-10T10:00'), days)).toThrow(RangeError);
  });
});

describe('addWorkingDays: holidays and weekends skipped, make-up days counted', () => {
  test.each([
    // [start (Shanghai), working days, last day, why]
    ['2026-03-10T10:00', 5, '2026-03-17', 'Tue + 5 over an ordinary weekend'],
    ['2026-02-12T10:00', 3, '2026-02-24', '春节: Fri 13, make-up Sat 14, then Tue 24 after the holiday'],
    ['2026-02-13T10:00', 5, '2026-02-27', '春节: Sat 14 counts, 15–23 do not, 24–27 count'],
    ['2026-02-27T10:00', 1, '2026-02-28', 'the second 春节 make-up Saturday counts'],
    ['2026-09-18T10:00', 3, '2026-09-22', '国庆 make-up Sunday 20 Sep counts, Saturday 19 does not'],
    ['2026-09-30T10:00', 7, '2026-10-15', '7 working days over 国庆: 8, 9, 10 (make-up Sat), 12–15 Oct'],
    ['2026-10-03T10:00', 1, '2026-10-08', 'an event during the holiday'],
    ['2026-12-31T10:00', 2, '2027-01-05', 'across the year and 元旦 2027'],
    ['2026-03-07T10:00', 0, '2026-03-09', '0 days from a Saturday: the end of the next working day'],
    ['2026-03-10T10:00', 0, '2026-03-10', '0 days from a working day: the end of that day'],
  ])('%s + %i working days → 24:00 of %s — %s', (start, days, last) => {
    expect(addWorkingDays(cal, sh(start), days).toISOString()).toBe(endOf(last));
  });

  test.each([
    ['2026-02-13T15:30:00Z', '2026-02-14', 'Fri 13 Feb 23:30 in Shanghai: the make-up Saturday is the first day'],
    ['2026-02-13T16:30:00Z', '2026-02-24', 'Sat 14 Feb 00:30 in Shanghai: the start day is the make-up Saturday itself'],
  ])('1 working day from %s ends 24:00 of %s (%s)', (iso, last) => {
    expect(addWorkingDays(cal, new Date(iso), 1).toISOString()).toBe(endOf(last));
  });

  test('rejects fractional and negative days', () => {
    expect(() => addWorkingDays(cal, sh('2026-03-10T10:00'), 0.5)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, sh('2026-03-10T10:00'), -2)).toThrow(RangeError);
  });

  test('a calendar without any working day is a configuration error, not an endless loop', () => {
    const weekdays: string[] = [];
    for (let d = Date.UTC(2026, 0, 1); d < Date.UTC(2028, 0, 1); d += 86_400_000) weekdays.push(new Date(d).toISOString().slice(0, 10));
    const none = createCalendar({ holidays: weekdays, workdays: [] });
    expect(() => addWorkingDays(none, sh('2026-01-05T10:00'), 1)).toThrow(/no working day/);
    expect(() => addHours(none, sh('2026-01-05T10:00'), 1, { mode: 'working' })).toThrow(/no working day/);
  });
});

describe('addStatutoryDays: 《行政处罚法》第八十五条 — 2/3/5/7 days are working days', () => {
  test.each([
    // [start, days, last day, why]
    ['2026-09-29T10:00', 5, '2026-10-12', 'hearing request (Art. 64): 5 working days over 国庆'],
    ['2026-09-30T10:00', 7, '2026-10-15', 'service of a decision (Art. 61): 7 working days'],
    ['2026-09-30T10:00', 3, '2026-10-10', 'withdrawal of a revoked decision (Art. 48): 3 working days, make-up Saturday'],
    ['2026-09-30T10:00', 2, '2026-10-09', '2 working days'],
    ['2026-09-20T10:00', 15, '2026-10-08', 'fine payment (Art. 67): 15 calendar days, last day 5 Oct → 8 Oct'],
    ['2026-03-10T10:00', 90, '2026-06-08', 'decision limit (Art. 60): 90 calendar days'],
  ])('%s + %i days → 24:00 of %s — %s', (start, days, last) => {
    expect(addStatutoryDays(cal, sh(start), days).toISOString()).toBe(endOf(last));
  });
});

describe('addHours', () => {
  test.each([
    // [start (Shanghai), hours, mode, due (Shanghai), why]
    ['2026-03-10T10:00', 4, 'calendar', '2026-03-10T14:00', 'simple'],
    ['2026-03-10T22:00', 4, 'calendar', '2026-03-11T02:00', 'over midnight'],
    ['2026-09-30T20:00', 24, 'calendar', '2026-10-01T20:00', 'calendar mode ignores holidays'],
    ['2026-03-10T10:00', 0.5, 'calendar', '2026-03-10T10:30', 'fractional hours'],
    ['2026-09-30T20:00', 8, 'working', '2026-10-08T04:00', '4 h left on 30 Sep, 国庆 skipped, 4 h on 8 Oct'],
    ['2026-10-03T10:00', 24, 'working', '2026-10-09T00:00', 'starts on a holiday: runs from 00:00 on 8 Oct'],
    ['2026-09-30T00:00', 24, 'working', '2026-10-01T00:00', 'exactly one working day ends at its 24:00, not after the holiday'],
    ['2026-01-03T12:00', 30, 'working', '2026-01-05T06:00', 'the make-up Sunday 4 Jan counts its 24 h'],
    ['2026-03-13T18:00', 12, 'working', '2026-03-16T06:00', 'ordinary weekend skipped'],
    ['2026-10-03T10:00', 0, 'working', '2026-10-03T10:00', '0 h is the start itself'],
  ] as const)('%s + %d h (%s) → %s — %s', (start, hours, mode, due, _why) => {
    expect(addHours(cal, sh(start), hours, { mode }).toISOString()).toBe(sh(due).toISOString());
  });

  test.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects %p hours', (hours) => {
    expect(() => addHours(cal, sh('2026-03-10T10:00'), hours, { mode: 'calendar' })).toThrow(RangeError);
  });
});
