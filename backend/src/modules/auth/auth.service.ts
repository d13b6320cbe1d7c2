import type { AppContext } from '../../core/context';
import { unauthorized } from '../../core/errors';
import { recordAudit } from '../audit';
import { findPasswordHash, findUserById, findUserByUsername, verifyAgainstDummy, verifyPassword, type UserDoc } from '../users';
import { admitLoginAttempt, releaseLoginAttempt, resetAccountFailures, sweepLoginAttempts } from './login-throttle.service';
import { startSession, sweepExpiredSessions, type SessionTokens } from './sessions.service';

type Ctx = Pick<AppContext, 'config' | 'clock' | 'logger'>;

const SWEEP_EVERY_MS = 10 * 60 * 1000;
const lastSweep = new WeakMap<object, number>();

/**
 * Our replacement for TTL indexes: expired login attempts and refresh tokens are deleted at most
 * every ten minutes per app, piggy-backing on logins (so no timer outlives the app).
 */
export async function sweepAuthRecords(ctx: Ctx): Promise<void> {
  await sweepLoginAttempts(ctx);
  await sweepExpiredSessions(ctx);
}

async function sweepIfDue(ctx: Ctx): Promise<void> {
  const now = ctx.clock.now().getTime();
  const last = lastSweep.get(ctx);
  if (last !== undefined && Math.abs(now - last) < SWEEP_EVERY_MS) return;
  lastSweep.set(ctx, now);
  await sweepAuthRecords(ctx);
}

const INVALID = () => unauthorized('Invalid username or password', 'INVALID_CREDENTIALS');

/**
 * Password login. The same answer (and the same argon2 work) for an unknown user and a wrong
 * password; throttled per account and per address before any password is checked.
 */
export async function login(
  ctx: Ctx,
  input: { username: string; password: string },
  ip: string | null,
): Promise<SessionTokens & { user: UserDoc }> {
  const username = input.username.trim().toLowerCase();
  await sweepIfDue(ctx);
  const attempt = await admitLoginAttempt(ctx, username, ip);
  const user = await findUserByUsername(username);
  const hash = user ? await findPasswordHash(user._id) : null;
  const ok = user && hash ? await verifyPassword(hash, input.password) : await verifyAgainstDummy(input.password);
  if (!user || !ok) {
    await recordAudit(ctx, {
      action: 'auth.login_failed',
      actor: null,
      target: { type: 'user', id: user ? String(user._id) : null, label: username },
      details: { reason: user ? 'bad_password' : 'unknown_user' },
      ip,
    });
    throw INVALID();
  }
  if (user.disabled) {
    await releaseLoginAttempt(attempt);
    await recordAudit(ctx, {
      action: 'auth.login_failed',
      actor: null,
      target: { type: 'user', id: String(user._id), label: user.username },
      details: { reason: 'disabled' },
      ip,
    });
    throw unauthorized('This account is disabled', 'ACCOUNT_DISABLED');
  }
  await resetAccountFailures(username);
  const tokens = await startSession(ctx, user, ip);
  await recordAudit(ctx, {
    action: 'auth.login',
    actor: { id: String(user._id), username: user.username, role: user.role },
    target: { type: 'user', id: String(user._id), label: user.username },
    ip,
  });
  return { ...tokens, user };
}

/** The signed-in user's own account. */
export async function currentUser(id: string): Promise<UserDoc> {
  const user = await findUserById(id);
  if (!user) throw unauthorized('Session is no longer valid', 'SESSION_REVOKED');
  return user;
}
