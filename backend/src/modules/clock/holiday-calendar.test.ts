import {
  CHINA_2026,
  CHINA_2027_PROVISIONAL,
  createCalendar,
  defaultCalendar,
  type HolidayCalendar,
} from './holiday-calendar';
import { dayNumberFromKey, weekdayOf } from './shanghai-time';

const working = (cal: HolidayCalendar, key: string) => cal.isWorkingDayNumber(dayNumberFromKey(key));

describe('defaultCalendar, 2026 (国务院办公厅 2025-11-04 notice)', () => {
  test.each([
    // [day, working?, why]
    ['2026-01-01', false, '元旦 (Thu)'],
    ['2026-01-03', false, '元旦 block (Sat)'],
    ['2026-01-04', true, '元旦 make-up Sunday'],
    ['2026-01-05', true, 'ordinary Monday'],
    ['2026-02-13', true, 'Friday before 春节'],
    ['2026-02-14', true, '春节 make-up Saturday'],
    ['2026-02-15', false, '春节 first day (Sun)'],
    ['2026-02-17', false, '春节 初一 (Tue)'],
    ['2026-02-23', false, '春节 last day (Mon)'],
    ['2026-02-24', true, 'back to work (Tue)'],
    ['2026-02-28', true, '春节 second make-up Saturday'],
    ['2026-03-01', false, 'ordinary Sunday'],
    ['2026-04-06', false, '清明 (Mon)'],
    ['2026-05-05', false, '劳动节 last day (Tue)'],
    ['2026-05-09', true, '劳动节 make-up Saturday'],
    ['2026-06-19', false, '端午 (Fri)'],
    ['2026-09-20', true, '国庆 make-up Sunday'],
    ['2026-09-25', false, '中秋 (Fri)'],
    ['2026-10-01', false, '国庆 (Thu)'],
    ['2026-10-07', false, '国庆 last day (Wed)'],
    ['2026-10-08', true, 'back to work (Thu)'],
    ['2026-10-10', true, '国庆 make-up Saturday'],
    ['2026-10-11', false, 'ordinary Sunday'],
  ])('%s is a working day: %s (%s)', (key, expected) => {
    expect(working(defaultCalendar, key)).toBe(expected);
  });

  test('has the 33 rest days and 6 make-up days of the notice, every make-up day on a weekend', () => {
    expect(CHINA_2026.holidays).toHaveLength(33);
    expect(new Set(CHINA_2026.holidays).size).toBe(33);
    expect(CHINA_2026.workdays).toHaveLength(6);
    for (const key of CHINA_2026.workdays) expect([0, 6]).toContain(weekdayOf(dayNumberFromKey(key)));
  });
});

describe('defaultCalendar, 2027 (provisional until the State Council publishes)', () => {
  test.each([
    ['2027-01-01', false, '元旦 (Fri)'],
    ['2027-02-05', false, '除夕 (Fri)'],
    ['2027-02-06', false, '春节 初一 (Sat)'],
    ['2027-02-08', false, '初三 (Mon)'],
    ['2027-02-10', false, '补假 for the weekend 春节 days (Wed)'],
    ['2027-02-11', true, 'first working day after 春节 (Thu)'],
    ['2027-04-05', false, '清明 (Mon)'],
    ['2027-05-04', false, '劳动节 补假 (Tue)'],
    ['2027-06-09', false, '端午 (Wed)'],
    ['2027-09-15', false, '中秋 (Wed)'],
    ['2027-10-07', false, '国庆 (Thu)'],
    ['2027-10-08', true, 'after 国庆 (Fri)'],
  ])('%s is a working day: %s (%s)', (key, expected) => {
    expect(working(defaultCalendar, key)).toBe(expected);
  });

  test('lists no make-up days yet', () => {
    expect(CHINA_2027_PROVISIONAL.workdays).toEqual([]);
  });

  test('covers 2026 and 2027; later years fall back to plain weekends', () => {
    expect(defaultCalendar.years).toEqual([2026, 2027]);
    expect(working(defaultCalendar, '2028-01-03')).toBe(true); // Monday
    expect(working(defaultCalendar, '2028-01-01')).toBe(false); // Saturday
  });
});

describe('createCalendar', () => {
  test('replaces the data entirely: only the configured days are special', () => {
    const cal = createCalendar({ holidays: ['2026-03-11'], workdays: ['2026-03-14'] });
    expect(working(cal, '2026-03-11')).toBe(false); // configured holiday (Wed)
    expect(working(cal, '2026-03-14')).toBe(true); // configured make-up Saturday
    expect(working(cal, '2026-10-01')).toBe(true); // not in this data: an ordinary Thursday
    expect(working(cal, '2026-03-15')).toBe(false); // ordinary Sunday
  });

  test('normalises (sorted, de-duplicated) and freezes its data, unaffected by later changes to the input', () => {
    const input = { holidays: ['2026-05-02', '2026-05-01', '2026-05-01'], workdays: [] as string[] };
    const cal = createCalendar(input);
    input.holidays.push('2026-05-06');
    expect(cal.data.holidays).toEqual(['2026-05-01', '2026-05-02']);
    expect(Object.isFrozen(cal.data.holidays)).toBe(true);
    expect(working(cal, '2026-05-06')).toBe(true);
  });

  test('an empty calendar knows only weekends', () => {
    const cal = createCalendar({ holidays: [], workdays: [] });
    expect(cal.years).toEqual([]);
    expect(working(cal, '2026-10-01')).toBe(true);
  });

  test.each([
    [{ holidays: ['2026-1-1'], workdays: [] }, /YYYY-MM-DD/],
    [{ holidays: ['2026-02-30'], workdays: [] }, /no such date/],
    [{ holidays: [], workdays: ['2026-13-01'] }, /no such date/],
    [{ holidays: ['2026-02-14'], workdays: ['2026-02-14'] }, /holiday and as workday/],
    [{ holidays: [], workdays: ['2026-02-13'] }, /not a Saturday or Sunday/],
    [{ holidays: 'nope' as unknown as string[], workdays: [] }, /must be an array/],
  ])('rejects invalid data %j', (data, message) => {
    expect(() => createCalendar(data)).toThrow(message);
  });
});
