import type { RequestHandler } from 'express';
import type { Role } from '../../contracts';
import type { AppContext } from '../../core/context';
import { forbidden, unauthorized } from '../../core/errors';
import { takeUserRequest } from '../../core/rate-limit';
import { findUserForAuth } from '../users/user-cache';
import type { UserDoc } from '../users/user.model';
import { verifyAccessToken } from './auth.tokens';
import type { Actor, AuthUser } from './auth.types';

export function toAuthUser(u: UserDoc): AuthUser {
  return {
    id: String(u._id),
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    gridIds: (u.gridIds ?? []).map(String),
    teamId: u.teamId ? String(u.teamId) : null,
    agencyId: u.agencyId ? String(u.agencyId) : null,
  };
}

/** Extracts a bearer token from the Authorization header (or null). */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer ([A-Za-z0-9_.-]{10,4096})$/.exec(header.trim());
  return m?.[1] ?? null;
}

/**
 * Authenticates every request: a valid access token whose user still exists, is not disabled
 * and whose session version matches (disabling or re-scoping a user ends their sessions at once
 * on this API process, and within a second on the others: the user is cached that long).
 * Then counts the request against the user's rate limit (429 with Retry-After past it).
 */
export function requireAuth(ctx: AppContext): RequestHandler {
  return async (req, _res, next) => {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw unauthorized('Missing bearer token');
    const claims = verifyAccessToken(ctx.config, token, Math.floor(ctx.clock.now().getTime() / 1000));
    const user = await findUserForAuth(claims.sub);
    if (!user || user.disabled || user.sessionVersion !== claims.sv) {
      throw unauthorized('Session is no longer valid', 'SESSION_REVOKED');
    }
    req.user = toAuthUser(user);
    // Once per request, even where a router and its route both ask for authentication.
    if (!limited.has(req)) {
      limited.add(req);
      takeUserRequest(ctx, req.user.id);
    }
    next();
  };
}

/** Requests already counted against their user's rate limit. */
const limited = new WeakSet<object>();

/** Coarse role gate; finer decisions live in each module's policy. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) throw unauthorized();
    if (!roles.includes(req.user.role)) throw forbidden(`Role ${req.user.role} may not do this`);
    next();
  };
}

/** The authenticated caller (after requireAuth). */
export function caller(req: { user?: AuthUser }): AuthUser {
  if (!req.user) throw unauthorized();
  return req.user;
}

/** The caller plus the client address (req.ip honours TRUST_PROXY), for services that audit. */
export function actorOf(req: { user?: AuthUser; ip?: string | undefined }): Actor {
  return { user: caller(req), ip: req.ip ?? null };
}
