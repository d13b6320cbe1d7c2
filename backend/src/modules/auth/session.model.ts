import { Schema, model, type InferSchemaType, Types } from 'mongoose';

/**
 * A login session: one family of rotating refresh tokens. The family is the unit of
 * revocation (logout, reuse detection, disabling the user); `sessionVersion` is the user's at
 * login, so bumping the user's version ends every older family even before it is marked.
 */
const familySchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    sessionVersion: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    /** Expiry of the newest token; moved forward at each rotation (used by the sweeper). */
    expiresAt: { type: Date, required: true },
    ip: { type: String, default: null },
    revokedAt: { type: Date, default: null },
    revokedReason: { type: String, default: null },
  },
  { collection: 'refresh_families', versionKey: false },
);
familySchema.index({ userId: 1, revokedAt: 1 });
familySchema.index({ expiresAt: 1 });
export type FamilyDoc = InferSchemaType<typeof familySchema> & { _id: Types.ObjectId };
export const RefreshFamilyModel = model('RefreshFamily', familySchema);

/**
 * One refresh token. `_id` is the SHA-256 of the opaque token, so the token itself is never
 * stored and the lookup is by `_id` (the only query FerretDB serves without a scan).
 */
const tokenSchema = new Schema(
  {
    _id: { type: String, required: true },
    familyId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    /** The token this one replaced (null for the first of a family). */
    parentId: { type: String, default: null },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    replacedBy: { type: String, default: null },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'refresh_tokens', versionKey: false },
);
tokenSchema.index({ familyId: 1 });
tokenSchema.index({ userId: 1, revokedAt: 1 });
tokenSchema.index({ expiresAt: 1 });
export type RefreshTokenDoc = InferSchemaType<typeof tokenSchema> & { _id: string };
export const RefreshTokenModel = model('RefreshToken', tokenSchema);

/**
 * The decision record of a rotation: `_id` is the spent token's id. Inserting it is how a
 * refresh claims the token; `_id` is unique on every backend, so of two concurrent refreshes
 * with the same token exactly one insert succeeds (FerretDB has no atomic read-modify-write).
 */
const tokenUseSchema = new Schema(
  {
    _id: { type: String, required: true },
    familyId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'refresh_token_uses', versionKey: false },
);
tokenUseSchema.index({ at: 1 });
export const RefreshTokenUseModel = model('RefreshTokenUse', tokenUseSchema);
