import { z } from 'zod';
import { DOMAINS, LocalizedName, PageQuery, TIERS } from '../../contracts';

/** Category codes: lower-case kebab (`street-vending`), stable, at most 40 characters. */
export const CategoryCode = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and "-", at most 40');

const Hours = z.number().positive().max(24 * 366);

/** Hours allowed per stage: file (立案), dispatch (派遣), handle (处置), verify (核查). */
export const StageDeadlines = z.strictObject({ file: Hours, dispatch: Hours, handle: Hours, verify: Hours });
export type StageDeadlines = z.infer<typeof StageDeadlines>;

const STAGES = ['file', 'dispatch', 'handle', 'verify'] as const;

/** Stages whose urgent limit is longer than the normal one (urgent cases get shorter limits). */
export function longerUrgentStages(deadlines: StageDeadlines, urgent: StageDeadlines | null | undefined): string[] {
  return urgent ? STAGES.filter((s) => urgent[s] > deadlines[s]) : [];
}

function urgentNotLonger(c: { deadlines: StageDeadlines; urgentDeadlines: StageDeadlines | null }, ctx: z.RefinementCtx) {
  for (const s of longerUrgentStages(c.deadlines, c.urgentDeadlines)) {
    ctx.addIssue({ code: 'custom', path: ['urgentDeadlines', s], message: 'urgent deadline must not be longer than the normal one' });
  }
}

const categoryFields = {
  name: LocalizedName,
  domain: z.enum(DOMAINS),
  defaultTier: z.enum(TIERS),
  deadlines: StageDeadlines,
  urgentDeadlines: StageDeadlines.nullable().default(null),
  legalBasis: z.string().trim().min(1).max(2000),
  coAgencies: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  penaltyCapable: z.boolean(),
  active: z.boolean().default(true),
};

export const CreateCategorySchema = z.strictObject({ code: CategoryCode, ...categoryFields }).superRefine(urgentNotLonger);
export type CreateCategoryBody = z.infer<typeof CreateCategorySchema>;

/** Partial update; the code never changes. Urgent limits are checked against the merged result. */
export const UpdateCategorySchema = z.strictObject({
  name: LocalizedName.optional(),
  domain: z.enum(DOMAINS).optional(),
  defaultTier: z.enum(TIERS).optional(),
  deadlines: StageDeadlines.optional(),
  urgentDeadlines: StageDeadlines.nullable().optional(),
  legalBasis: z.string().trim().min(1).max(2000).optional(),
  coAgencies: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  penaltyCapable: z.boolean().optional(),
  active: z.boolean().optional(),
});
export type UpdateCategoryBody = z.infer<typeof UpdateCategorySchema>;

export const CodeParams = z.strictObject({ code: CategoryCode });

export const ListCategoriesQuery = z.strictObject({
  ...PageQuery,
  domain: z.enum(DOMAINS).optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

/** The fixture file: a list of categories as the create endpoint takes them. */
export const CategoryFixture = z.array(CreateCategorySchema).min(1);
