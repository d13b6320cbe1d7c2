import { compositeScore, DEFAULT_CONFIG, gradeOf, volumeScores, withDefaults } from './evaluation.workflow';

describe('gradeOf (A ≥ 90, B 75–90, C 60–75, D 40–60, E < 40)', () => {
  test.each([
    [100, 'A'],
    [90, 'A'],
    [89.99, 'B'],
    [75, 'B'],
    [74.99, 'C'],
    [60, 'C'],
    [59.99, 'D'],
    [40, 'D'],
    [39.99, 'E'],
    [0, 'E'],
    [null, null],
  ])('%s → %s', (score, grade) => {
    expect(gradeOf(score, DEFAULT_CONFIG.grades)).toBe(grade);
  });
});

describe('compositeScore (defaults of domain.md §6)', () => {
  test.each([
    // team: on-time handling × 60 + closure × 30 + (1 − rework) × 10
    ['team', { onTimeHandlingRate: 1, closureRate: 1, reworkRate: 0 }, 100, 'A'],
    // 0.8 × 60 + 0.5 × 30 + (1 − 0.25) × 10 = 48 + 15 + 7.5 = 70.5
    ['team', { onTimeHandlingRate: 0.8, closureRate: 0.5, reworkRate: 0.25 }, 70.5, 'C'],
    // 2/3 × 60 + 1 × 30 + 1 × 10 = 40 + 30 + 10 = 80
    ['team', { onTimeHandlingRate: 2 / 3, closureRate: 1, reworkRate: 0 }, 80, 'B'],
    // rework "—" is left out: (0.5 × 60 + 1 × 30) × 100 / 90 = 60 × 1.1111 = 66.67
    ['team', { onTimeHandlingRate: 0.5, closureRate: 1, reworkRate: null }, 66.67, 'C'],
    // inspector: 0.9 × 40 + (1 − 0.1) × 20 + 1 × 20 + 0.5 × 20 = 36 + 18 + 20 + 10 = 84
    ['inspector', { validReportRate: 0.9, missedReportRate: 0.1, onTimeVerificationRate: 1, onTimeCheckRate: 0.5 }, 84, 'B'],
    // dispatcher: 0.75 × 40 + 0.5 × 40 + 0.5 × 20 = 30 + 20 + 10 = 60
    ['dispatcher', { dispatcherOnTimeRate: 0.75, dispatcherAccurateRate: 0.5, volumeScore: 0.5 }, 60, 'C'],
    // nothing measured → no score, no grade ("—")
    ['team', { onTimeHandlingRate: null, closureRate: null, reworkRate: null }, null, null],
  ] as const)('%s %j → %s %s', (position, rates, score, grade) => {
    const r = compositeScore(position, rates as Record<string, number | null>, DEFAULT_CONFIG);
    expect(r.score).toBe(score);
    expect(r.grade).toBe(grade);
  });

  test('missingComponent "zero" scores a "—" component 0 instead of reweighting', () => {
    const config = withDefaults({ rules: { missingComponent: 'zero' } });
    // 0.5 × 60 + 1 × 30 + 0 = 60
    expect(compositeScore('team', { onTimeHandlingRate: 0.5, closureRate: 1, reworkRate: null }, config)).toMatchObject({ score: 60, grade: 'C' });
  });

  test('custom weights and grade thresholds', () => {
    const config = withDefaults({ weights: { team: { onTimeHandlingRate: 50, closureRate: 50, reworkRate: 0 } }, grades: { A: 95 } });
    const r = compositeScore('team', { onTimeHandlingRate: 0.9, closureRate: 0.96, reworkRate: 0.5 }, config);
    // 0.9 × 50 + 0.96 × 50 + 0.5 × 0 = 45 + 48 = 93 → B under A ≥ 95
    expect(r).toMatchObject({ score: 93, grade: 'B' });
    expect(r.components).toEqual([
      { key: 'onTimeHandlingRate', rate: 0.9, weight: 50, points: 45 },
      { key: 'closureRate', rate: 0.96, weight: 50, points: 48 },
      { key: 'reworkRate', rate: 0.5, weight: 0, points: 0 },
    ]);
  });
});

test('volumeScores: dispatches ÷ the busiest dispatcher', () => {
  expect(volumeScores(new Map([['a', 10], ['b', 5], ['c', 0]]))).toEqual(new Map([['a', 1], ['b', 0.5], ['c', 0]]));
  expect(volumeScores(new Map([['a', 0]]))).toEqual(new Map([['a', null]]));
});
