import { inPeriod, parsePeriod, previousPeriod } from './period.workflow';

describe('parsePeriod (Asia/Shanghai day boundaries)', () => {
  test('H1 and H2 are [00:00 Shanghai of the first day, 00:00 Shanghai after the last day)', () => {
    expect(parsePeriod('2026-H1')).toMatchObject({
      kind: 'half',
      firstDay: '2026-01-01',
      lastDay: '2026-06-30',
      start: new Date('2025-12-31T16:00:00.000Z'),
      end: new Date('2026-06-30T16:00:00.000Z'),
      label: { zh: '2026年上半年', en: '2026 H1' },
    });
    expect(parsePeriod('2026-H2')).toMatchObject({ start: new Date('2026-06-30T16:00:00.000Z'), end: new Date('2026-12-31T16:00:00.000Z') });
  });

  test('an event at 2026-06-30T16:30Z (1 Jul 00:30 in Shanghai) belongs to H2, one at 15:59:59.999Z to H1', () => {
    const h1 = parsePeriod('2026-H1')!;
    const h2 = parsePeriod('2026-H2')!;
    expect(inPeriod(new Date('2026-06-30T16:30:00Z'), h1)).toBe(false);
    expect(inPeriod(new Date('2026-06-30T16:30:00Z'), h2)).toBe(true);
    expect(inPeriod(new Date('2026-06-30T15:59:59.999Z'), h1)).toBe(true);
    expect(inPeriod(new Date('2026-06-30T16:00:00.000Z'), h2)).toBe(true);
  });

  test('custom ranges include both days; malformed, impossible or backwards ranges are refused', () => {
    expect(parsePeriod('2026-03-01..2026-03-31')).toMatchObject({
      kind: 'custom',
      start: new Date('2026-02-28T16:00:00.000Z'),
      end: new Date('2026-03-31T16:00:00.000Z'),
    });
    for (const bad of ['2026-H3', '2026-02-30..2026-03-01', '2026-03-02..2026-03-01', '2026', '2020-01-01..2026-01-01']) {
      expect([bad, parsePeriod(bad)]).toEqual([bad, null]);
    }
  });

  test('previous period: the half before, or the same length just before a custom range', () => {
    expect(previousPeriod(parsePeriod('2026-H1')!).key).toBe('2025-H2');
    expect(previousPeriod(parsePeriod('2026-H2')!).key).toBe('2026-H1');
    expect(previousPeriod(parsePeriod('2026-03-01..2026-03-31')!).key).toBe('2026-01-29..2026-02-28');
  });
});
