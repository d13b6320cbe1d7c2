import { z } from 'zod';
import { ObjectIdString } from '../../contracts';
import { INDICATOR_KEYS, LEVELS } from './indicator-defs';
import { parsePeriod } from './period.workflow';

/** `2026-H1`, `2026-H2`, or a custom range of Shanghai days `2026-03-01..2026-03-31` (both inclusive). */
export const PeriodParam = z
  .string()
  .max(40)
  .refine((s) => parsePeriod(s) !== null, 'period must be YYYY-H1, YYYY-H2 or YYYY-MM-DD..YYYY-MM-DD (at most two years)');

export const IdParams = z.strictObject({ id: ObjectIdString });
export const NoQuery = z.strictObject({});

export const IndicatorsQuery = z.strictObject({
  period: PeriodParam,
  level: z.enum(LEVELS).default('bureau'),
  key: z.string().min(1).max(64).optional(),
});

export const DrillQuery = z.strictObject({
  period: PeriodParam,
  level: z.enum(LEVELS),
  key: z.string().min(1).max(64),
  indicator: z.enum(INDICATOR_KEYS as [string, ...string[]]),
  part: z.enum(['numerator', 'denominator']),
});

export const PeriodQuery = z.strictObject({ period: PeriodParam });

const Weight = z.number().min(0).max(100);
/** Weights, grade thresholds and denominator rules over the defaults of domain.md §6. */
export const ConfigBody = z.strictObject({
  weights: z
    .strictObject({
      team: z.strictObject({ onTimeHandlingRate: Weight, closureRate: Weight, reworkRate: Weight }).partial(),
      inspector: z.strictObject({ validReportRate: Weight, missedReportRate: Weight, onTimeVerificationRate: Weight, onTimeCheckRate: Weight }).partial(),
      dispatcher: z.strictObject({ dispatcherOnTimeRate: Weight, dispatcherAccurateRate: Weight, volumeScore: Weight }).partial(),
    })
    .partial()
    .optional(),
  rules: z.strictObject({ excludePostponed: z.boolean(), missingComponent: z.enum(['reweight', 'zero']) }).partial().optional(),
  grades: z.strictObject({ A: Weight, B: Weight, C: Weight, D: Weight }).partial().optional(),
});
export type ConfigBody = z.infer<typeof ConfigBody>;

const Label = z.strictObject({ zh: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) });
const Code = z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, 'lower-case code');
export const RubricBody = z.strictObject({
  veto: z.array(z.strictObject({ code: Code, label: Label })).min(1).max(30),
  form: z.array(z.strictObject({ code: Code, label: Label, points: z.number().min(0).max(20) })).min(1).max(30),
  content: z.array(z.strictObject({ code: Code, label: Label, points: z.number().min(0).max(80) })).min(1).max(30),
  thresholds: z.strictObject({ excellent: z.number().min(0).max(100), pass: z.number().min(0).max(100) }),
});

export const CreateReviewBody = z.strictObject({
  period: PeriodParam,
  /** Files sampled per team (all of them when a team closed fewer). */
  sizePerTeam: z.number().int().min(1).max(100).default(5),
  /** The PRNG seed; drawn at random (and stored) when absent. */
  seed: z.number().int().min(0).max(4294967295).optional(),
});

export const ReviewListQuery = z.strictObject({ period: PeriodParam.optional() });

const Points = z.number().min(0).max(100).multipleOf(0.5);
export const ScoreBody = z.strictObject({
  veto: z.record(Code, z.boolean()),
  form: z.record(Code, Points),
  content: z.record(Code, Points),
  /** Findings (问题); each becomes a rectification item for the team. */
  findings: z.array(z.strictObject({ item: Code.optional(), text: z.string().trim().min(1).max(500) })).max(50).default([]),
  note: z.string().trim().max(2000).optional(),
});
export type ScoreBody = z.infer<typeof ScoreBody>;

export const RectificationListQuery = z.strictObject({
  status: z.enum(['open', 'done', 'confirmed']).optional(),
  batchId: ObjectIdString.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: ObjectIdString.optional(),
});
export const RectificationDoneBody = z.strictObject({ evidence: z.string().trim().min(1).max(2000) });
export const RectificationConfirmBody = z.strictObject({ accepted: z.boolean(), note: z.string().trim().max(2000).optional() });

export const CreateReportBody = z.strictObject({
  period: PeriodParam,
  title: z.string().trim().min(1).max(200).optional(),
  reviewBatchId: ObjectIdString.optional(),
  config: ConfigBody.optional(),
});
export const UpdateReportBody = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  reviewBatchId: ObjectIdString.nullable().optional(),
  config: ConfigBody.optional(),
});
export const ReportListQuery = z.strictObject({ period: PeriodParam.optional() });
export const CsvQuery = z.strictObject({ table: z.enum(['indicators', 'scores', 'reviews', 'comparison']).default('indicators') });
