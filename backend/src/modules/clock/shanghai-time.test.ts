import { ceilToDayEnd, dayKeyOf, dayNumberFromKey, dayNumberOf, startOfDay, toMs, weekdayOf } from './shanghai-time';

describe('Asia/Shanghai day boundaries (UTC+8)', () => {
  test.each([
    ['2026-06-30T15:59:59.999Z', '2026-06-30'],
    ['2026-06-30T16:00:00.000Z', '2026-07-01'], // midnight in Shanghai, still 30 June in UTC
    ['2026-06-30T16:30:00.000Z', '2026-07-01'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'], // new year arrives 8 hours before UTC's
    ['2026-01-01T00:00:00+08:00', '2026-01-01'],
  ])('%s falls on %s in Shanghai', (iso, key) => {
    expect(dayKeyOf(dayNumberOf(new Date(iso)))).toBe(key);
  });

  test('a day starts at 00:00 +08:00 and the next day starts at its 24:00', () => {
    const day = dayNumberFromKey('2026-07-01');
    expect(new Date(startOfDay(day)).toISOString()).toBe('2026-06-30T16:00:00.000Z');
    expect(new Date(startOfDay(day + 1)).toISOString()).toBe('2026-07-01T16:00:00.000Z');
  });

  test.each([
    ['2026-01-01', 4], // Thursday
    ['2026-02-14', 6], // Saturday
    ['2026-10-11', 0], // Sunday
    ['1969-12-31', 3], // Wednesday, before the epoch
  ])('%s is weekday %i', (key, wd) => {
    expect(weekdayOf(dayNumberFromKey(key))).toBe(wd);
  });

  test('ceilToDayEnd keeps a midnight and rounds anything else up to the next one', () => {
    const midnight = Date.parse('2026-03-11T00:00:00+08:00');
    expect(ceilToDayEnd(midnight)).toBe(midnight);
    expect(ceilToDayEnd(midnight + 1)).toBe(midnight + 86_400_000);
    expect(ceilToDayEnd(midnight - 1)).toBe(midnight);
  });

  test('invalid instants are refused instead of producing NaN deadlines', () => {
    expect(() => toMs(new Date('garbage'))).toThrow(RangeError);
    expect(() => toMs(Number.NaN)).toThrow(RangeError);
  });
});
