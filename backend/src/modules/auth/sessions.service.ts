import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { AppContext } from '../../core/context';
import { unauthorized } from '../../core/errors';
import { recordAudit } from '../audit';
import { findUserById, type UserDoc } from '../users';
import {
  claimTokenUse,
  deleteExpiredSessions,
  extendFamily,
  findFamily,
  findRefreshToken,
  insertFamily,
  insertRefreshToken,
  markTokenUsed,
  revokeFamilies,
} from './sessions.repository';
import type { RefreshTokenDoc } from './session.model';
import { signAccessToken } from './auth.tokens';

type Ctx = Pick<AppContext, 'config' | 'clock'>;

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

function accessTokenFor(ctx: Ctx, user: UserDoc, now: Date): string {
  return signAccessToken(ctx.config, { sub: String(user._id), role: user.role, sv: user.sessionVersion ?? 1 }, seconds(now));
}

/** Mints a refresh token (256 random bits); only its hash is stored. */
async function mintRefreshToken(
  ctx: Ctx,
  familyId: Types.ObjectId,
  userId: Types.ObjectId,
  parentId: string | null,
  now: Date,
): Promise<{ token: string; id: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const id = sha256(token);
  const expiresAt = new Date(now.getTime() + ctx.config.REFRESH_TOKEN_TTL_SECONDS * 1000);
  await insertRefreshToken({ _id: id, familyId, userId, parentId, createdAt: now, expiresAt });
  return { token, id, expiresAt };
}

/** Starts a new session (family) for a user who just proved their password. */
export async function startSession(ctx: Ctx, user: UserDoc, ip: string | null): Promise<SessionTokens> {
  const now = ctx.clock.now();
  const familyId = new Types.ObjectId();
  const expiresAt = new Date(now.getTime() + ctx.config.REFRESH_TOKEN_TTL_SECONDS * 1000);
  await insertFamily({ _id: familyId, userId: user._id, sessionVersion: user.sessionVersion ?? 1, createdAt: now, expiresAt, ip });
  const refresh = await mintRefreshToken(ctx, familyId, user._id, null, now);
  return { accessToken: accessTokenFor(ctx, user, now), refreshToken: refresh.token };
}

async function reuseDetected(ctx: Ctx, tok: RefreshTokenDoc, ip: string | null): Promise<never> {
  const now = ctx.clock.now();
  await revokeFamilies({ familyId: tok.familyId }, now, 'reuse');
  const user = await findUserById(String(tok.userId));
  await recordAudit(ctx, {
    action: 'auth.refresh_reuse',
    actor: user ? { id: String(user._id), username: user.username, role: user.role } : null,
    target: { type: 'session', id: String(tok.familyId) },
    details: { tokenCreatedAt: tok.createdAt.toISOString() },
    ip,
  });
  throw unauthorized('Refresh token was already used; the session has been ended', 'REFRESH_REUSED');
}

/**
 * Rotates a refresh token: the presented one is spent and a new one issued in the same family.
 * The spend is an insert keyed by the token's id, so of two concurrent refreshes with one token
 * exactly one wins; the loser is treated as reuse (it may be a thief racing the owner) and the
 * whole family is revoked, which also ends the winner's new token.
 */
export async function rotateSession(
  ctx: Ctx,
  presented: string,
  ip: string | null,
): Promise<SessionTokens & { user: UserDoc }> {
  const now = ctx.clock.now();
  const tok = await findRefreshToken(sha256(presented));
  if (!tok) throw unauthorized('Invalid refresh token', 'REFRESH_INVALID');
  const family = await findFamily(tok.familyId);
  if (!family || family.revokedAt) throw unauthorized('The session has ended', 'REFRESH_REVOKED');
  if (tok.expiresAt.getTime() <= now.getTime()) throw unauthorized('Refresh token expired', 'REFRESH_EXPIRED');
  if (tok.usedAt) return reuseDetected(ctx, tok, ip);

  const user = await findUserById(String(tok.userId));
  if (!user || user.disabled || (user.sessionVersion ?? 1) !== family.sessionVersion) {
    await revokeFamilies({ familyId: tok.familyId }, now, 'session_version');
    throw unauthorized('Session is no longer valid', 'SESSION_REVOKED');
  }
  if (!(await claimTokenUse(tok._id, tok.familyId, now))) return reuseDetected(ctx, tok, ip);

  const next = await mintRefreshToken(ctx, tok.familyId, user._id, tok._id, now);
  await markTokenUsed(tok._id, now, next.id);
  await extendFamily(tok.familyId, next.expiresAt);
  return { accessToken: accessTokenFor(ctx, user, now), refreshToken: next.token, user };
}

/** Logout: revokes the presented token's family. Unknown tokens are ignored (idempotent). */
export async function endSession(ctx: Ctx, presented: string, ip: string | null): Promise<void> {
  const tok = await findRefreshToken(sha256(presented));
  if (!tok) return;
  const revoked = await revokeFamilies({ familyId: tok.familyId }, ctx.clock.now(), 'logout');
  if (!revoked) return;
  const user = await findUserById(String(tok.userId));
  await recordAudit(ctx, {
    action: 'auth.logout',
    actor: user ? { id: String(user._id), username: user.username, role: user.role } : null,
    target: { type: 'session', id: String(tok.familyId) },
    ip,
  });
}

/** Revokes every session of a user (disabled, re-scoped, password reset). */
export async function revokeUserSessions(ctx: Pick<AppContext, 'clock'>, userId: string, reason: string): Promise<void> {
  await revokeFamilies({ userId: new Types.ObjectId(userId) }, ctx.clock.now(), reason);
}

/** Deletes refresh tokens expired for a day and use records/families that can no longer matter. */
export async function sweepExpiredSessions(ctx: Ctx): Promise<void> {
  const now = ctx.clock.now().getTime();
  const day = 86400 * 1000;
  await deleteExpiredSessions(new Date(now - day), new Date(now - day - ctx.config.REFRESH_TOKEN_TTL_SECONDS * 1000));
}
