/**
 * Composite scores and grades (部门评价 / 监督员 / 派遣员), pure. Defaults follow domain.md §6 (common
 * practice of digitised urban management); every weight, grade threshold and denominator rule is
 * configuration, stored with each report.
 *
 *  - handling unit (team):  on-time handling × 60 + closure rate × 30 + (1 − rework rate) × 10
 *  - grid inspector:        valid-report rate × 40 + (1 − missed-report rate) × 20 + on-time verification × 20 + on-time check × 20
 *  - dispatcher:            on-time dispatch × 40 + accurate dispatch × 40 + volume score × 20
 *  - grades:                A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, else E (a boundary belongs to the higher grade)
 *
 * Scores are out of 100: score = Σ wᵢ·rᵢ × 100 / Σ wᵢ, rates as fractions, inverted components as
 * (1 − rate). Denominator rule `missingComponent` decides what a component with a zero denominator
 * ("—") does: `reweight` (default) leaves it out of both sums, `zero` scores it 0. No component at
 * all → no score ("—"), no grade. Scores are rounded half-up to 2 places before grading.
 */
export type Position = 'team' | 'inspector' | 'dispatcher';
export type Grade = 'A' | 'B' | 'C' | 'D' | 'E';

export interface EvaluationConfig {
  weights: Record<Position, Record<string, number>>;
  rules: {
    /** Leave handling stages with an approved postponement (延期) out of on-time handling and handling rate. */
    excludePostponed: boolean;
    missingComponent: 'reweight' | 'zero';
  };
  /** Lowest score of each grade (E is below D). */
  grades: { A: number; B: number; C: number; D: number };
}

/** Component keys per position; `invert` components score (1 − rate). */
export const COMPONENTS: Record<Position, readonly { key: string; invert: boolean }[]> = {
  team: [
    { key: 'onTimeHandlingRate', invert: false },
    { key: 'closureRate', invert: false },
    { key: 'reworkRate', invert: true },
  ],
  inspector: [
    { key: 'validReportRate', invert: false },
    { key: 'missedReportRate', invert: true },
    { key: 'onTimeVerificationRate', invert: false },
    { key: 'onTimeCheckRate', invert: false },
  ],
  dispatcher: [
    { key: 'dispatcherOnTimeRate', invert: false },
    { key: 'dispatcherAccurateRate', invert: false },
    { key: 'volumeScore', invert: false },
  ],
};

export const DEFAULT_CONFIG: EvaluationConfig = {
  weights: {
    team: { onTimeHandlingRate: 60, closureRate: 30, reworkRate: 10 },
    inspector: { validReportRate: 40, missedReportRate: 20, onTimeVerificationRate: 20, onTimeCheckRate: 20 },
    dispatcher: { dispatcherOnTimeRate: 40, dispatcherAccurateRate: 40, volumeScore: 20 },
  },
  rules: { excludePostponed: false, missingComponent: 'reweight' },
  grades: { A: 90, B: 75, C: 60, D: 40 },
};

/** Partial settings over the defaults (what a report stores is always complete). */
export function withDefaults(partial?: {
  weights?: Partial<Record<Position, Record<string, number>>>;
  rules?: Partial<EvaluationConfig['rules']>;
  grades?: Partial<EvaluationConfig['grades']>;
}): EvaluationConfig {
  return {
    weights: {
      team: { ...DEFAULT_CONFIG.weights.team, ...(partial?.weights?.team ?? {}) },
      inspector: { ...DEFAULT_CONFIG.weights.inspector, ...(partial?.weights?.inspector ?? {}) },
      dispatcher: { ...DEFAULT_CONFIG.weights.dispatcher, ...(partial?.weights?.dispatcher ?? {}) },
    },
    rules: { ...DEFAULT_CONFIG.rules, ...(partial?.rules ?? {}) },
    grades: { ...DEFAULT_CONFIG.grades, ...(partial?.grades ?? {}) },
  };
}

export interface ComponentScore {
  key: string;
  rate: number | null;
  weight: number;
  /** Points this component contributed (after reweighting); null when left out. */
  points: number | null;
}

export interface CompositeScore {
  score: number | null;
  grade: Grade | null;
  components: ComponentScore[];
}

export const round2 = (x: number): number => Math.round((x + Number.EPSILON) * 100) / 100;

export function gradeOf(score: number | null, g: EvaluationConfig['grades']): Grade | null {
  if (score === null) return null;
  if (score >= g.A) return 'A';
  if (score >= g.B) return 'B';
  if (score >= g.C) return 'C';
  if (score >= g.D) return 'D';
  return 'E';
}

/** The composite score of one unit or person from its component rates (fractions or null = "—"). */
export function compositeScore(position: Position, rates: Record<string, number | null>, config: EvaluationConfig): CompositeScore {
  const weights = config.weights[position];
  const parts = COMPONENTS[position].map(({ key, invert }) => {
    const rate = rates[key] ?? null;
    const weight = weights[key] ?? 0;
    const value = rate === null ? (config.rules.missingComponent === 'zero' ? 0 : null) : invert ? 1 - rate : rate;
    return { key, rate, weight, value };
  });
  const counted = parts.filter((p) => p.value !== null);
  const totalWeight = counted.reduce((s, p) => s + p.weight, 0);
  if (counted.length === 0 || totalWeight === 0 || parts.every((p) => p.rate === null)) {
    return { score: null, grade: null, components: parts.map(({ key, rate, weight }) => ({ key, rate, weight, points: null })) };
  }
  const scale = 100 / totalWeight;
  const raw = counted.reduce((s, p) => s + p.weight * (p.value as number) * scale, 0);
  const score = round2(raw);
  return {
    score,
    grade: gradeOf(score, config.grades),
    components: parts.map(({ key, rate, weight, value }) => ({ key, rate, weight, points: value === null ? null : round2(weight * value * scale) })),
  };
}

/** Volume score of each dispatcher: their dispatches ÷ the most any dispatcher made (the busiest scores 1). */
export function volumeScores(volumes: ReadonlyMap<string, number>): Map<string, number | null> {
  const max = Math.max(0, ...volumes.values());
  return new Map([...volumes].map(([id, n]) => [id, max === 0 ? null : n / max]));
}
