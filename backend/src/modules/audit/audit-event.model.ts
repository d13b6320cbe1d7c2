import { Schema, model, type InferSchemaType, Types } from 'mongoose';

/**
 * One thing that happened, recorded for the legal office and administrators. Append-only:
 * the model refuses every update and delete, so nothing in the application can rewrite history.
 * `details` is free-form but must not hold nested arrays (FerretDB cannot store them).
 */
const auditEventSchema = new Schema(
  {
    at: { type: Date, required: true },
    /** Dotted verb, e.g. `auth.login_failed`, `user.role_changed`. */
    action: { type: String, required: true },
    actorId: { type: Schema.Types.ObjectId, default: null },
    actorUsername: { type: String, default: null },
    actorRole: { type: String, default: null },
    /** What was acted on: a kind (`user`, `session`, `case`) and its id as a string. */
    targetType: { type: String, default: null },
    targetId: { type: String, default: null },
    targetLabel: { type: String, default: null },
    details: { type: Schema.Types.Mixed, default: () => ({}) },
    ip: { type: String, default: null },
  },
  { collection: 'audit_events', versionKey: false, minimize: false },
);
// The list is newest first, optionally narrowed by action, actor or target.
auditEventSchema.index({ at: -1, _id: -1 });
auditEventSchema.index({ action: 1, at: -1, _id: -1 });
auditEventSchema.index({ actorId: 1, at: -1, _id: -1 });
auditEventSchema.index({ targetId: 1, at: -1, _id: -1 });

const refuse = () => {
  throw new Error('audit_events is append-only');
};
for (const op of [
  'updateOne',
  'updateMany',
  'replaceOne',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
  'deleteOne',
  'deleteMany',
] as const) {
  auditEventSchema.pre(op, refuse);
}

export type AuditEventDoc = InferSchemaType<typeof auditEventSchema> & { _id: Types.ObjectId };
export const AuditEventModel = model('AuditEvent', auditEventSchema);
