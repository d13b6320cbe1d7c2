import { Schema, model, Types } from 'mongoose';

/**
 * The concurrency primitive for user changes: `_id` is `<userId>:<rev>`, so exactly one writer
 * can claim each revision of a user (the insert that wins applies its change; the loser gets
 * E11000 and answers 409). Also a compact history of who changed which fields when.
 */
const userRevisionSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    rev: { type: Number, required: true },
    at: { type: Date, required: true },
    actorId: { type: Schema.Types.ObjectId, default: null },
    fields: { type: [String], default: [] },
  },
  { collection: 'user_revisions', versionKey: false },
);
userRevisionSchema.index({ userId: 1, rev: -1 });

export const UserRevisionModel = model('UserRevision', userRevisionSchema);
