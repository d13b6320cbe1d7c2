import { Schema, model, type InferSchemaType, Types } from 'mongoose';
import { ROLES } from '../../contracts';
import { idOfFilter, onModelWrites } from '../../core/model-writes';

/**
 * A person who signs in. One role each; the scope fields say what they may see:
 * inspectors their grid cells, team leaders their team, liaisons their agency.
 * The password hash lives in `credentials`, never here, so this document can be updated
 * freely (FerretDB cannot project findAndModify results).
 */
const userSchema = new Schema(
  {
    username: { type: String, required: true, trim: true, lowercase: true },
    displayName: { type: String, required: true, trim: true },
    role: { type: String, required: true, enum: ROLES },
    gridIds: { type: [Schema.Types.ObjectId], default: [] },
    teamId: { type: Schema.Types.ObjectId, default: null },
    agencyId: { type: Schema.Types.ObjectId, default: null },
    phone: { type: String, default: null },
    locale: { type: String, enum: ['zh-CN', 'en'], default: 'zh-CN' },
    disabled: { type: Boolean, default: false },
    /** Bumped when the user is disabled, re-enabled, re-scoped or their password reset: older tokens stop working. */
    sessionVersion: { type: Number, default: 1 },
    /**
     * Revision of this document. Every change first claims `(userId, rev + 1)` in
     * `user_revisions` (a unique `_id`), so two concurrent admin edits cannot both apply: FerretDB
     * would otherwise let one silently overwrite the other (e.g. re-enable a disabled account).
     */
    rev: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'users' },
);
userSchema.index({ username: 1 }, { unique: true });
// The admin list is ordered by username and filtered by one of these (production MongoDB).
userSchema.index({ role: 1, disabled: 1, username: 1 });
userSchema.index({ teamId: 1, username: 1 });
userSchema.index({ agencyId: 1, username: 1 });
userSchema.index({ gridIds: 1, username: 1 });
userSchema.index({ disabled: 1, username: 1 });

/** Every write through UserModel reports here, with the one `_id` it touched or null (any), for caches (user-cache.ts). */
const writeListeners = new Set<(id: string | null) => void>();
export function onUserWrite(fn: (id: string | null) => void): void {
  writeListeners.add(fn);
}
onModelWrites(userSchema, (w) => {
  const id = w.kind === 'doc' ? String(w.doc._id) : w.kind === 'query' ? idOfFilter(w.filter) : null;
  for (const fn of writeListeners) fn(id);
});

export type UserDoc = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };
export const UserModel = model('User', userSchema);

const credentialSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    hash: { type: String, required: true },
    changedAt: { type: Date, required: true },
  },
  { collection: 'credentials' },
);
credentialSchema.index({ userId: 1 }, { unique: true });
export const CredentialModel = model('Credential', credentialSchema);
