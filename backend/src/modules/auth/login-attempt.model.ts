import { Schema, model, type InferSchemaType, Types } from 'mongoose';

/**
 * One login attempt that has not (yet) succeeded: inserted before the password is checked,
 * kept as the failure record when it fails, deleted when it succeeds or is throttled. Counting
 * documents needs no atomic counter (FerretDB has none), and attempts still in flight count
 * too, so a parallel burst cannot slip past the limit. Old ones are removed by our sweeper
 * (FerretDB has no TTL index).
 */
const loginAttemptSchema = new Schema(
  {
    /** Normalised username as typed (unknown names are throttled the same way). */
    username: { type: String, required: true },
    ip: { type: String, default: null },
    at: { type: Date, required: true },
  },
  { collection: 'login_attempts', versionKey: false },
);
loginAttemptSchema.index({ username: 1, at: -1 });
loginAttemptSchema.index({ ip: 1, at: -1 });
loginAttemptSchema.index({ at: 1 });

export type LoginAttemptDoc = InferSchemaType<typeof loginAttemptSchema> & { _id: Types.ObjectId };
export const LoginAttemptModel = model('LoginAttempt', loginAttemptSchema);
