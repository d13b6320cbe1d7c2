import { decisionLimit, defaultCalendar, dueAt } from '../clock';
import type { PenaltyState, StageLimits, StageState } from './case-effects.workflow';

/** Category deadline hours as the catalogue gives them. */
export interface CategoryDeadlines {
  deadlines: StageLimits;
  urgentDeadlines?: Partial<StageLimits> | null;
}

/** Stage limits for a case: urgent cases use the category's shorter limits where it has them. */
export function limitsFor(cat: CategoryDeadlines, urgent: boolean): StageLimits {
  return urgent && cat.urgentDeadlines ? { ...cat.deadlines, ...cat.urgentDeadlines } : cat.deadlines;
}

/**
 * Due time of an operational stage through the clock engine: the category's limit in calendar
 * hours from the stage start, plus approved postponements, with suspensions excluded. An open
 * suspension stops the clock (no due time).
 */
export function stageDueAt(stage: StageState): Date | null {
  if (!stage.startedAt || stage.limitHours === null) return null;
  return dueAt({
    start: stage.startedAt,
    limit: { unit: 'hours', amount: stage.limitHours },
    pauses: stage.pauses ?? [],
    extensions: stage.extensions ?? [],
    calendar: defaultCalendar,
  });
}

/** The 90-calendar-day decision limit from filing (行政处罚法 第六十条), with approved extensions and pauses. */
export function penaltyDecisionDue(filedAt: Date, p: Pick<PenaltyState, 'pauses' | 'extensions'>): Date | null {
  return decisionLimit({ filedAt, pauses: p.pauses ?? [], extensions: p.extensions ?? [], calendar: defaultCalendar });
}
