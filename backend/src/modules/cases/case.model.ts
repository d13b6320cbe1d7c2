import { Schema, model, Types } from 'mongoose';
import { InsertBatcher } from '../../core/insert-batcher';
import { onModelWrites } from '../../core/model-writes';
import { CASE_SOURCES, CASE_STATUSES, TIERS } from '../../contracts';
import { caseChanged, changeOfQuery } from './case-changes';

const pointSchema = new Schema(
  { type: { type: String, enum: ['Point'], required: true }, coordinates: { type: [Number], required: true } },
  { _id: false },
);

/**
 * The case document is a projection of its events (case_events): every change appends an event
 * with the next `seq` (unique per case, the race decider) and then writes the projection.
 */
const caseSchema = new Schema(
  {
    caseNo: { type: String, required: true },
    status: { type: String, enum: CASE_STATUSES, required: true },
    tier: { type: String, enum: TIERS, required: true },
    source: { type: String, enum: CASE_SOURCES, required: true },
    urgent: { type: Boolean, default: false },
    categoryCode: { type: String, required: true },
    domain: { type: String, required: true },
    description: { type: String, required: true },
    address: { type: String, default: null },
    reporterContact: { type: String, default: null },
    location: { type: pointSchema, required: true },
    outside: { type: Boolean, default: false },
    geometryVersion: { type: Number, default: null },
    gridId: { type: Types.ObjectId, default: null },
    zoneId: { type: Types.ObjectId, default: null },
    teamId: { type: Types.ObjectId, default: null },
    holderId: { type: Types.ObjectId, default: null },
    reporterId: { type: Types.ObjectId, default: null },
    /** Labels denormalised at routing time so lists need no joins. */
    labels: { type: Schema.Types.Mixed, default: {} },
    seq: { type: Number, required: true },
    /** Current deadline stage (one clock per stage). */
    stage: {
      name: { type: String, default: null },
      startedAt: { type: Date, default: null },
      dueAt: { type: Date, default: null },
      limitHours: { type: Number, default: null },
      extensions: { type: [Schema.Types.Mixed], default: [] },
      pauses: { type: [Schema.Types.Mixed], default: [] },
    },
    /** Past a deadline at some stage (open or closed late); for the 超期 indicator. */
    everOverdue: { type: Boolean, default: false },
    pending: { type: Schema.Types.Mixed, default: null },
    suspended: { type: Boolean, default: false },
    /** Intervals that do not count on the clock (suspension 缓办/挂账, hearing 听证…). */
    pauses: { type: [Schema.Types.Mixed], default: [] },
    possibleDuplicates: { type: [Schema.Types.Mixed], default: [] },
    mergedInto: { type: Schema.Types.Mixed, default: null },
    jointCaseId: { type: Types.ObjectId, default: null },
    agencyIds: { type: [Types.ObjectId], default: [] },
    referrals: { type: [Schema.Types.Mixed], default: [] },
    penalty: { type: Schema.Types.Mixed, default: null },
    photoIds: { type: [Types.ObjectId], default: [] },
    counters: {
      returns: { type: Number, default: 0 },
      reworks: { type: Number, default: 0 },
      escalations: { type: Number, default: 0 },
      verifications: { type: Number, default: 0 },
    },
    resolvedBy: { type: Types.ObjectId, default: null },
    reportedAt: { type: Date, required: true },
    filedAt: { type: Date, default: null },
    dispatchedAt: { type: Date, default: null },
    acceptedAt: { type: Date, default: null },
    resolvedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'cases', minimize: false },
);
caseSchema.index({ caseNo: 1 }, { unique: true });
// Indexes a real MongoDB needs for the list filters (FerretDB's SQLite backend scans anyway).
caseSchema.index({ status: 1, createdAt: -1 });
caseSchema.index({ teamId: 1, status: 1, createdAt: -1 });
caseSchema.index({ gridId: 1, status: 1, createdAt: -1 });
caseSchema.index({ holderId: 1, status: 1 });
caseSchema.index({ zoneId: 1, createdAt: -1 });
caseSchema.index({ categoryCode: 1, createdAt: -1 });
caseSchema.index({ domain: 1, createdAt: -1 });
caseSchema.index({ 'stage.dueAt': 1, status: 1 });
caseSchema.index({ agencyIds: 1 });
caseSchema.index({ updatedAt: -1 });
// Keeps in-memory views current (case-index.ts): every write through the model says what changed.
onModelWrites(caseSchema, (w) => caseChanged(w.kind === 'query' ? changeOfQuery(w.op, w.filter, w.update) : w));
export const CaseModel = model('Case', caseSchema);

/** Append-only timeline. (caseId, seq) is unique: the insert that wins is the transition. */
const eventSchema = new Schema(
  {
    /**
     * `<caseId>:<seq, 6 digits>`: a second unique key equal to (caseId, seq), so the previous
     * event and any event a projection has not seen are read by primary key (FerretDB's SQLite
     * backend pushes only `_id` filters down; every other filter scans the collection).
     */
    _id: { type: String },
    caseId: { type: Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    action: { type: String, required: true },
    from: { type: String, default: null },
    to: { type: String, default: null },
    actorId: { type: Types.ObjectId, default: null },
    actorRole: { type: String, default: null },
    actorName: { type: String, default: null },
    at: { type: Date, required: true },
    note: { type: String, default: null },
    data: { type: Schema.Types.Mixed, default: {} },
    /** The projection change this event made, replayed when the case document is behind. */
    patch: { type: Schema.Types.Mixed, default: {} },
    attachments: { type: [String], default: [] },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { collection: 'case_events', minimize: false },
);
eventSchema.index({ caseId: 1, seq: 1 }, { unique: true });
eventSchema.index({ at: -1 });
export const CaseEventModel = model('CaseEvent', eventSchema);

/** Idempotency-Key → case (per reporter). The insert of this document decides which request creates. */
const idempotencySchema = new Schema(
  {
    _id: { type: String },
    caseId: { type: Types.ObjectId, required: true },
    requestHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'idempotency_keys' },
);
export const IdempotencyKeyModel = model('IdempotencyKey', idempotencySchema);

/** Allocated case numbers: `_id` is the number itself, so two allocations can never collide. */
const caseNumberSchema = new Schema(
  { _id: { type: String }, caseId: { type: Types.ObjectId, required: true }, at: { type: Date, required: true } },
  { collection: 'case_numbers' },
);
export const CaseNumberModel = model('CaseNumber', caseNumberSchema);

/** Deadline warnings fired (预警): one document per case, stage start and kind, so no warning fires twice. */
const warningSchema = new Schema(
  { _id: { type: String }, caseId: { type: Types.ObjectId, required: true }, kind: String, at: Date },
  { collection: 'case_warnings' },
);
export const CaseWarningModel = model('CaseWarning', warningSchema);

/**
 * Group-committed inserts (core/insert-batcher.ts) for the writes every report makes: concurrent
 * reports share one insertMany per collection. Documents go in as built by the model (cast and
 * validated), so they are stored exactly as `Model.create` would store them.
 */
export const caseInserts = new InsertBatcher(() => CaseModel.collection as never);
export const caseEventInserts = new InsertBatcher(() => CaseEventModel.collection as never);
export const idempotencyKeyInserts = new InsertBatcher(() => IdempotencyKeyModel.collection as never);
