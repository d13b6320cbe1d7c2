import { Schema, model, Types } from 'mongoose';

/**
 * Evaluation documents. FerretDB has no atomic read-modify-write, so every state change of a report
 * or a rectification item first inserts a step with a unique `_id` `<kind>:<subjectId>:<seq>`
 * (evaluation_steps): the insert that wins is the change, a loser gets 409.
 */
const stepSchema = new Schema(
  {
    _id: { type: String },
    kind: { type: String, required: true },
    subjectId: { type: Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    action: { type: String, required: true },
    actorId: { type: Types.ObjectId, required: true },
    actorRole: { type: String, required: true },
    at: { type: Date, required: true },
    data: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'evaluation_steps', minimize: false },
);
stepSchema.index({ kind: 1, subjectId: 1, seq: 1 });
export const EvaluationStepModel = model('EvaluationStep', stepSchema);

/** The review rubric (案卷评查标准), versioned: a change is a new version (unique), never an edit. */
const rubricSchema = new Schema(
  {
    version: { type: Number, required: true },
    rubric: { type: Schema.Types.Mixed, required: true },
    createdBy: { type: Types.ObjectId, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: 'evaluation_rubrics', minimize: false },
);
rubricSchema.index({ version: 1 }, { unique: true });
export const RubricModel = model('EvaluationRubric', rubricSchema);

/** A review sample (抽查批次): its seed and per-team populations make it reproducible. */
const batchSchema = new Schema(
  {
    periodKey: { type: String, required: true },
    seed: { type: Number, required: true },
    sizePerTeam: { type: Number, required: true },
    rubricVersion: { type: Number, required: true },
    teams: { type: [Schema.Types.Mixed], default: [] },
    /** The published report that froze this sample's scores (scoring then answers 409). */
    frozenBy: { type: Types.ObjectId, default: null },
    createdBy: { type: Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'evaluation_review_batches', minimize: false },
);
batchSchema.index({ periodKey: 1, createdAt: -1 });
export const ReviewBatchModel = model('EvaluationReviewBatch', batchSchema);

/** One sampled case file and its score sheet. */
const itemSchema = new Schema(
  {
    batchId: { type: Types.ObjectId, required: true },
    caseId: { type: Types.ObjectId, required: true },
    caseNo: { type: String, required: true },
    /** Team the case was closed under (sampling stratum); `none` when it had no team. */
    team: { type: String, required: true },
    gridId: { type: String, default: null },
    domain: { type: String, default: null },
    categoryCode: { type: String, default: null },
    agencies: { type: [String], default: [] },
    prechecks: { type: [Schema.Types.Mixed], default: [] },
    status: { type: String, enum: ['pending', 'scored'], required: true },
    sheet: { type: Schema.Types.Mixed, default: null },
    score: { type: Schema.Types.Mixed, default: null },
    findings: { type: [Schema.Types.Mixed], default: [] },
    note: { type: String, default: null },
    reviewerId: { type: Types.ObjectId, default: null },
    scoredAt: { type: Date, default: null },
    order: { type: Number, required: true },
  },
  { collection: 'evaluation_review_items', minimize: false },
);
itemSchema.index({ batchId: 1, caseId: 1 }, { unique: true });
itemSchema.index({ batchId: 1, team: 1, order: 1 });
export const ReviewItemModel = model('EvaluationReviewItem', itemSchema);

/** A rectification item (整改) for a team, from a review finding; `key` makes a finding create one item only. */
const rectificationSchema = new Schema(
  {
    key: { type: String, required: true },
    batchId: { type: Types.ObjectId, required: true },
    itemId: { type: Types.ObjectId, required: true },
    caseId: { type: Types.ObjectId, required: true },
    caseNo: { type: String, required: true },
    team: { type: String, required: true },
    rubricItem: { type: String, default: null },
    text: { type: String, required: true },
    status: { type: String, enum: ['open', 'done', 'confirmed'], required: true },
    evidence: { type: String, default: null },
    doneBy: { type: Types.ObjectId, default: null },
    doneAt: { type: Date, default: null },
    confirmedBy: { type: Types.ObjectId, default: null },
    confirmedAt: { type: Date, default: null },
    note: { type: String, default: null },
    seq: { type: Number, required: true },
    createdBy: { type: Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'evaluation_rectifications', minimize: false },
);
rectificationSchema.index({ key: 1 }, { unique: true });
rectificationSchema.index({ team: 1, status: 1, createdAt: -1 });
rectificationSchema.index({ batchId: 1, createdAt: 1 });
export const RectificationModel = model('EvaluationRectification', rectificationSchema);

/**
 * An evaluation report: draft → reviewed → published. Publishing stores the canonical JSON of the
 * snapshot and its sha256; nothing changes afterwards. A correction is a new report whose
 * `supersedes` names the old one (absent on originals).
 */
const reportSchema = new Schema(
  {
    periodKey: { type: String, required: true },
    title: { type: String, required: true },
    status: { type: String, enum: ['draft', 'reviewed', 'published'], required: true },
    version: { type: Number, required: true },
    supersedes: { type: Types.ObjectId, required: false },
    config: { type: Schema.Types.Mixed, required: true },
    reviewBatchId: { type: Types.ObjectId, default: null },
    seq: { type: Number, required: true },
    createdBy: { type: Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
    reviewedBy: { type: Types.ObjectId, default: null },
    reviewedAt: { type: Date, default: null },
    publishedBy: { type: Types.ObjectId, default: null },
    publishedAt: { type: Date, default: null },
    snapshotJson: { type: String, default: null },
    hash: { type: String, default: null },
  },
  { collection: 'evaluation_reports', minimize: false },
);
// One correction per report is decided by the old report's next step (FerretDB has no partial indexes).
reportSchema.index({ supersedes: 1 });
reportSchema.index({ periodKey: 1, status: 1, version: -1 });
reportSchema.index({ status: 1, createdAt: -1 });
export const ReportModel = model('EvaluationReport', reportSchema);
