import { Types } from 'mongoose';
import { isDuplicateKey } from '../../core/errors';
import {
  RefreshFamilyModel,
  RefreshTokenModel,
  RefreshTokenUseModel,
  type FamilyDoc,
  type RefreshTokenDoc,
} from './session.model';

export async function insertFamily(f: Omit<FamilyDoc, 'revokedAt' | 'revokedReason'>): Promise<void> {
  await RefreshFamilyModel.create({ ...f, revokedAt: null, revokedReason: null });
}

export async function findFamily(id: Types.ObjectId): Promise<FamilyDoc | null> {
  return RefreshFamilyModel.findById(id).lean<FamilyDoc>();
}

export async function extendFamily(id: Types.ObjectId, expiresAt: Date): Promise<void> {
  await RefreshFamilyModel.updateOne({ _id: id }, { $set: { expiresAt } });
}

export async function insertRefreshToken(t: Omit<RefreshTokenDoc, 'usedAt' | 'replacedBy' | 'revokedAt'>): Promise<void> {
  await RefreshTokenModel.create({ ...t, usedAt: null, replacedBy: null, revokedAt: null });
}

export async function findRefreshToken(id: string): Promise<RefreshTokenDoc | null> {
  return RefreshTokenModel.findById(id).lean<RefreshTokenDoc>();
}

/** Claims a token for one rotation; false when it was already claimed (reuse or a race). */
export async function claimTokenUse(id: string, familyId: Types.ObjectId, at: Date): Promise<boolean> {
  try {
    await RefreshTokenUseModel.create({ _id: id, familyId, at });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/** Informational copy of the use on the token itself (the use record is what decides). */
export async function markTokenUsed(id: string, at: Date, replacedBy: string): Promise<void> {
  await RefreshTokenModel.updateOne({ _id: id }, { $set: { usedAt: at, replacedBy } });
}

/**
 * Marks families (and their tokens) revoked. Idempotent: every writer only sets revokedAt, so
 * concurrent revocations cannot undo one another. A token minted into a family after this runs
 * still fails, because every refresh checks the family first.
 */
export async function revokeFamilies(
  filter: { familyId: Types.ObjectId } | { userId: Types.ObjectId },
  at: Date,
  reason: string,
): Promise<number> {
  const familyFilter = 'familyId' in filter ? { _id: filter.familyId } : { userId: filter.userId };
  const res = await RefreshFamilyModel.updateMany(
    { ...familyFilter, revokedAt: null },
    { $set: { revokedAt: at, revokedReason: reason } },
  );
  await RefreshTokenModel.updateMany({ ...filter, revokedAt: null }, { $set: { revokedAt: at } });
  return res.modifiedCount;
}

/** Removes what can no longer matter: expired tokens, their use records and dead families. */
export async function deleteExpiredSessions(before: Date, usesBefore: Date): Promise<void> {
  await RefreshTokenModel.deleteMany({ expiresAt: { $lt: before } });
  await RefreshTokenUseModel.deleteMany({ at: { $lt: usesBefore } });
  await RefreshFamilyModel.deleteMany({ expiresAt: { $lt: usesBefore } });
}
