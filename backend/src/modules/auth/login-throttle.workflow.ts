/**
 * Growing delays after failed logins (pure; the service feeds it the recorded attempts).
 * The first `freeAttempts` failures in the window cost nothing; after that each further attempt
 * must wait `baseDelaySeconds · 2^(n − freeAttempts)` (capped) after the latest one.
 */
export interface ThrottlePolicy {
  freeAttempts: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  windowSeconds: number;
}

/** Per account (username, known or not): 5 free, then 5 s, 10 s, 20 s … up to 15 min. */
export const ACCOUNT_POLICY: ThrottlePolicy = {
  freeAttempts: 5,
  baseDelaySeconds: 5,
  maxDelaySeconds: 900,
  windowSeconds: 3600,
};

/**
 * Per client address: looser, because a township office shares one address behind NAT;
 * 30 free, then 2 s, 4 s … up to 10 min.
 */
export const IP_POLICY: ThrottlePolicy = {
  freeAttempts: 30,
  baseDelaySeconds: 2,
  maxDelaySeconds: 600,
  windowSeconds: 3600,
};

/** Delay owed after `failures` failures in the window (0 while they are free). */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeAttempts) return 0;
  const exponent = Math.min(failures - policy.freeAttempts, 30);
  return Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** exponent);
}

/**
 * Seconds the next attempt must still wait, given the earlier failures' times (any order; those
 * outside the window are ignored). 0 means the attempt may proceed.
 */
export function retryAfterSeconds(failures: Date[], now: Date, policy: ThrottlePolicy): number {
  const since = now.getTime() - policy.windowSeconds * 1000;
  const recent = failures.map((d) => d.getTime()).filter((t) => t > since);
  const delay = delayAfter(recent.length, policy);
  if (delay === 0) return 0;
  const latest = Math.max(...recent);
  const waitMs = latest + delay * 1000 - now.getTime();
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
}
