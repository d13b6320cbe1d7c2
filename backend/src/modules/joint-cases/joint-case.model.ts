import { Schema, model, Types } from 'mongoose';

import { JOINT_REASONS, JOINT_STATUSES } from '../../contracts';

export { JOINT_REASONS, JOINT_STATUSES };

/**
 * A joint case (联合办案): the bureau works one or more cases together with agencies. The document
 * is a projection of its steps (joint_case_events): every step appends an event with the next
 * `seq`, unique per joint case, and then writes the projection (replayed when behind).
 */
const jointCaseSchema = new Schema(
  {
    title: { type: String, required: true },
    description: { type: String, default: '' },
    reason: { type: String, enum: JOINT_REASONS, required: true },
    /** Linked cases, with their numbers denormalised for lists. */
    cases: { type: [{ id: Types.ObjectId, caseNo: String, _id: false }], default: [] },
    caseIds: { type: [Types.ObjectId], default: [] },
    /** Lead unit (牵头单位): the bureau or one agency. */
    lead: {
      kind: { type: String, enum: ['bureau', 'agency'], required: true },
      agencyId: { type: Types.ObjectId, default: null },
    },
    /** Every agency involved (lead, participants, anyone who ever got a task): liaison scope. */
    agencyIds: { type: [Types.ObjectId], default: [] },
    status: { type: String, enum: JOINT_STATUSES, required: true },
    decision: { type: Schema.Types.Mixed, default: null },
    openedBy: { type: Types.ObjectId, required: true },
    openedByName: { type: String, default: '' },
    openedAt: { type: Date, required: true },
    closedAt: { type: Date, default: null },
    seq: { type: Number, required: true },
  },
  { timestamps: true, collection: 'joint_cases', minimize: false },
);
jointCaseSchema.index({ status: 1, _id: -1 });
jointCaseSchema.index({ agencyIds: 1, _id: -1 });
jointCaseSchema.index({ caseIds: 1 });
export const JointCaseModel = model('JointCase', jointCaseSchema);

/** The joint case's own timeline. (jointCaseId, seq) is unique: the insert that wins is the step. */
const jointEventSchema = new Schema(
  {
    jointCaseId: { type: Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    step: { type: String, required: true },
    taskId: { type: Types.ObjectId, default: null },
    actorId: { type: Types.ObjectId, default: null },
    actorRole: { type: String, default: null },
    actorName: { type: String, default: null },
    at: { type: Date, required: true },
    note: { type: String, default: null },
    data: { type: Schema.Types.Mixed, default: {} },
    /** The projection change this step made, replayed when the joint case document is behind. */
    patch: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'joint_case_events', minimize: false },
);
jointEventSchema.index({ jointCaseId: 1, seq: 1 }, { unique: true });
export const JointEventModel = model('JointEvent', jointEventSchema);

/**
 * One document per linked case (`_id` = the case id): a case belongs to one joint case only, and
 * of two joint cases opened on the same case at once exactly one can insert the link.
 */
const jointLinkSchema = new Schema(
  { _id: { type: Types.ObjectId }, jointCaseId: { type: Types.ObjectId, required: true }, at: { type: Date, required: true } },
  { collection: 'joint_case_links' },
);
jointLinkSchema.index({ jointCaseId: 1 });
export const JointLinkModel = model('JointLink', jointLinkSchema);
