import { Schema, model, type InferSchemaType } from 'mongoose';
import { DOMAINS, TIERS } from '../../contracts';

const nameSchema = new Schema({ zh: { type: String, required: true }, en: { type: String, required: true } }, { _id: false });
const deadlinesSchema = new Schema(
  {
    file: { type: Number, required: true },
    dispatch: { type: Number, required: true },
    handle: { type: Number, required: true },
    verify: { type: Number, required: true },
  },
  { _id: false },
);

/**
 * A category of the catalogue (事项目录). The code is the `_id`: cases store it, so it never
 * changes, and `getCategory(code)` is a primary-key read (the only fast read on FerretDB).
 * Retire a category with `active: false`; never delete one that cases may name.
 */
const categorySchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: nameSchema, required: true },
    domain: { type: String, required: true, enum: DOMAINS },
    defaultTier: { type: String, required: true, enum: TIERS },
    /** Hours allowed per stage: file (立案), dispatch (派遣), handle (处置), verify (核查). */
    deadlines: { type: deadlinesSchema, required: true },
    /** Shorter limits for urgent cases; null when the category has none. */
    urgentDeadlines: { type: deadlinesSchema, default: null },
    legalBasis: { type: String, required: true },
    /** Codes of co-responsible agencies (联动单位). */
    coAgencies: { type: [String], default: [] },
    /** Whether the category can lead to an administrative penalty (行政处罚). */
    penaltyCapable: { type: Boolean, required: true },
    active: { type: Boolean, default: true },
  },
  { timestamps: true, collection: 'categories' },
);
categorySchema.index({ domain: 1, _id: 1 });
categorySchema.index({ active: 1, _id: 1 });

export type CategoryDoc = InferSchemaType<typeof categorySchema> & { _id: string };
export const CategoryModel = model('Category', categorySchema);
