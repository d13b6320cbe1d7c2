import { Types, type QueryFilter } from 'mongoose';
import type { Role } from '../../contracts';
import { isDuplicateKey } from '../../core/errors';
import { CredentialModel, UserModel, type UserDoc } from './user.model';
import { UserRevisionModel } from './user-revision.model';

export async function findUserById(id: string): Promise<UserDoc | null> {
  if (!Types.ObjectId.isValid(id)) return null;
  return UserModel.findById(id).lean<UserDoc>();
}

export async function findUserByUsername(username: string): Promise<UserDoc | null> {
  return UserModel.findOne({ username: username.trim().toLowerCase() }).lean<UserDoc>();
}

export type NewUser = Omit<UserDoc, '_id' | 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };

/** Inserts a user; a taken username surfaces as E11000 from the unique index. */
export async function insertUser(user: NewUser): Promise<UserDoc> {
  const doc = new UserModel(user);
  await doc.save({ timestamps: false });
  return doc.toObject() as UserDoc;
}

export interface UserListFilter {
  role?: Role;
  teamId?: string;
  agencyId?: string;
  gridId?: string;
  disabled?: boolean;
  /** Case-insensitive substring of the username or display name (already escaped). */
  pattern?: string;
  afterUsername?: string;
}

function toQuery(f: UserListFilter): QueryFilter<UserDoc> {
  const and: QueryFilter<UserDoc>[] = [];
  if (f.role) and.push({ role: f.role });
  if (f.teamId) and.push({ teamId: new Types.ObjectId(f.teamId) });
  if (f.agencyId) and.push({ agencyId: new Types.ObjectId(f.agencyId) });
  if (f.gridId) and.push({ gridIds: new Types.ObjectId(f.gridId) });
  if (f.disabled !== undefined) and.push({ disabled: f.disabled });
  if (f.pattern) {
    and.push({
      $or: [{ username: { $regex: f.pattern, $options: 'i' } }, { displayName: { $regex: f.pattern, $options: 'i' } }],
    });
  }
  return and.length ? { $and: and } : {};
}

/** Ordered by username; `limit + 1` rows so the caller can tell whether another page exists. */
export async function findUsers(f: UserListFilter, limit: number): Promise<UserDoc[]> {
  const q = toQuery(f);
  const page = f.afterUsername ? { $and: [q, { username: { $gt: f.afterUsername } }] } : q;
  return UserModel.find(page).sort({ username: 1 }).limit(limit + 1).lean<UserDoc[]>();
}

export async function countUsers(f: UserListFilter): Promise<number> {
  return UserModel.countDocuments(toQuery({ ...f, afterUsername: undefined }));
}

/**
 * Claims revision `rev` of a user. Returns false when another writer claimed it first: the
 * caller read a stale document and must not write.
 */
export async function claimUserRevision(
  userId: Types.ObjectId,
  rev: number,
  at: Date,
  actorId: string | null,
  fields: string[],
): Promise<boolean> {
  try {
    await UserRevisionModel.create({
      _id: `${String(userId)}:${rev}`,
      userId,
      rev,
      at,
      actorId: actorId ? new Types.ObjectId(actorId) : null,
      fields,
    });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/** Writes fields of a user whose revision the caller has claimed. */
export async function writeUserFields(userId: Types.ObjectId, set: Partial<UserDoc>): Promise<void> {
  await UserModel.updateOne({ _id: userId }, { $set: set }, { timestamps: false });
}

export async function findPasswordHash(userId: Types.ObjectId): Promise<string | null> {
  const cred = await CredentialModel.findOne({ userId }).lean<{ hash: string }>();
  return cred?.hash ?? null;
}

/** Sets (or first creates) a user's password hash. */
export async function savePasswordHash(userId: Types.ObjectId, hash: string, at: Date): Promise<void> {
  await CredentialModel.updateOne({ userId }, { $set: { hash, changedAt: at } }, { upsert: true });
}
