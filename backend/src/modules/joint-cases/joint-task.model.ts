import { Schema, model, Types } from 'mongoose';
import { TASK_STATUSES } from './joint-task.workflow';

/**
 * A task of one agency in a joint case. Like cases, the document is a projection of its own
 * events (joint_task_events, unique (taskId, seq)): of two liaisons acting on one task at once,
 * only one event insert succeeds.
 */
const jointTaskSchema = new Schema(
  {
    jointCaseId: { type: Types.ObjectId, required: true },
    agencyId: { type: Types.ObjectId, required: true },
    description: { type: String, required: true },
    dueAt: { type: Date, required: true },
    status: { type: String, enum: TASK_STATUSES, required: true },
    declineReason: { type: String, default: null },
    cancelReason: { type: String, default: null },
    /** What the agency reported when done: text and attachments (photo ids or document refs). */
    result: { type: Schema.Types.Mixed, default: null },
    /** A declined task replaced by a task of another agency (改派). */
    reassignedToTaskId: { type: Types.ObjectId, default: null },
    reassignedFromTaskId: { type: Types.ObjectId, default: null },
    assignedBy: { type: Types.ObjectId, required: true },
    acceptedAt: { type: Date, default: null },
    doneAt: { type: Date, default: null },
    seq: { type: Number, required: true },
  },
  { timestamps: true, collection: 'joint_tasks', minimize: false },
);
jointTaskSchema.index({ jointCaseId: 1, createdAt: 1 });
jointTaskSchema.index({ agencyId: 1, status: 1, dueAt: 1 });
jointTaskSchema.index({ status: 1, dueAt: 1 });
export const JointTaskModel = model('JointTask', jointTaskSchema);

/** Task state changes. (taskId, seq) is unique: the race decider for one task. */
const jointTaskEventSchema = new Schema(
  {
    taskId: { type: Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    action: { type: String, required: true },
    from: { type: String, default: null },
    to: { type: String, required: true },
    actorId: { type: Types.ObjectId, default: null },
    actorRole: { type: String, default: null },
    at: { type: Date, required: true },
    note: { type: String, default: null },
    patch: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'joint_task_events', minimize: false },
);
jointTaskEventSchema.index({ taskId: 1, seq: 1 }, { unique: true });
export const JointTaskEventModel = model('JointTaskEvent', jointTaskEventSchema);

/** Deadline notices claimed (`_id` names task, due time and kind), so none fires twice. */
const jointNoticeSchema = new Schema(
  { _id: { type: String }, taskId: { type: Types.ObjectId, required: true }, kind: String, at: Date },
  { collection: 'joint_task_notices' },
);
export const JointNoticeModel = model('JointNotice', jointNoticeSchema);
