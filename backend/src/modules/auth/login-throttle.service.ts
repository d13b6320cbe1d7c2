import type { Types } from 'mongoose';
import type { Clock } from '../../core/context';
import { tooManyRequests } from '../../core/errors';
import { LoginAttemptModel } from './login-attempt.model';
import { ACCOUNT_POLICY, IP_POLICY, retryAfterSeconds } from './login-throttle.workflow';

type Ctx = { clock: Clock };

async function failureTimes(filter: { username: string } | { ip: string }, since: Date, exclude: Types.ObjectId) {
  const rows = await LoginAttemptModel.find({ ...filter, at: { $gt: since }, _id: { $ne: exclude } }, { at: 1 }).lean<
    { at: Date }[]
  >();
  return rows.map((r) => r.at);
}

/**
 * Admits a login attempt or answers 429 with Retry-After. The attempt is recorded first and
 * the earlier ones (including concurrent ones still in flight) are counted after, per account
 * and per address. Returns the attempt's id; it stays as a failure unless released.
 */
export async function admitLoginAttempt(ctx: Ctx, username: string, ip: string | null): Promise<Types.ObjectId> {
  const now = ctx.clock.now();
  const attempt = await LoginAttemptModel.create({ username, ip, at: now });
  const window = Math.max(ACCOUNT_POLICY.windowSeconds, IP_POLICY.windowSeconds);
  const since = new Date(now.getTime() - window * 1000);
  const [byAccount, byIp] = await Promise.all([
    failureTimes({ username }, since, attempt._id),
    ip ? failureTimes({ ip }, since, attempt._id) : Promise.resolve([]),
  ]);
  const wait = Math.max(retryAfterSeconds(byAccount, now, ACCOUNT_POLICY), retryAfterSeconds(byIp, now, IP_POLICY));
  if (wait > 0) {
    // A refused attempt is not a failure: otherwise hammering would extend the lockout forever.
    await LoginAttemptModel.deleteOne({ _id: attempt._id });
    throw tooManyRequests(wait, 'Too many failed logins; try again later');
  }
  return attempt._id;
}

/** The attempt did not fail (e.g. a correct password on a disabled account): forget it. */
export async function releaseLoginAttempt(id: Types.ObjectId): Promise<void> {
  await LoginAttemptModel.deleteOne({ _id: id });
}

/** A successful login resets the account's counter (the address keeps its own). */
export async function resetAccountFailures(username: string): Promise<void> {
  await LoginAttemptModel.deleteMany({ username });
}

export async function sweepLoginAttempts(ctx: Ctx): Promise<void> {
  const window = Math.max(ACCOUNT_POLICY.windowSeconds, IP_POLICY.windowSeconds);
  await LoginAttemptModel.deleteMany({ at: { $lt: new Date(ctx.clock.now().getTime() - window * 1000) } });
}
