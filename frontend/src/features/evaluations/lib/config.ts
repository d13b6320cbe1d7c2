/**
 * The composite-score settings a report stores: weights per position, grade thresholds and the
 * denominator rules. The defaults mirror DEFAULT_CONFIG in backend/src/modules/evaluations/evaluation.workflow.ts
 * (domain.md §6); a draft sends what the legal officer set and the server fills the rest.
 */
export interface EvaluationConfig {
  weights: { team: Record<string, number>; inspector: Record<string, number>; dispatcher: Record<string, number> };
  rules: { excludePostponed: boolean; missingComponent: 'reweight' | 'zero' };
  grades: { A: number; B: number; C: number; D: number };
}

export const DEFAULT_CONFIG: EvaluationConfig = {
  weights: {
    team: { onTimeHandlingRate: 60, closureRate: 30, reworkRate: 10 },
    inspector: { validReportRate: 40, missedReportRate: 20, onTimeVerificationRate: 20, onTimeCheckRate: 20 },
    dispatcher: { dispatcherOnTimeRate: 40, dispatcherAccurateRate: 40, volumeScore: 20 },
  },
  rules: { excludePostponed: false, missingComponent: 'reweight' },
  grades: { A: 90, B: 75, C: 60, D: 40 },
};

export const cloneConfig = (c: EvaluationConfig): EvaluationConfig => JSON.parse(JSON.stringify(c)) as EvaluationConfig;

/** Problems that would make the server refuse the settings (weights and thresholds 0–100, grades descending). */
export function configProblems(c: EvaluationConfig): string[] {
  const out: string[] = [];
  const all = [...Object.values(c.weights).flatMap((w) => Object.values(w)), ...Object.values(c.grades)];
  if (all.some((v) => !Number.isFinite(v) || v < 0 || v > 100)) out.push('range');
  if (!(c.grades.A >= c.grades.B && c.grades.B >= c.grades.C && c.grades.C >= c.grades.D)) out.push('order');
  if (Object.values(c.weights).some((w) => Object.values(w).every((v) => v === 0))) out.push('zero');
  return out;
}
