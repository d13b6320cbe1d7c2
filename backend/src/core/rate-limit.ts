import type { AppContext } from './context';
import { tooManyRequests } from './errors';

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

/**
 * Fixed-window request counter in this process's memory: `limit` requests per key per window,
 * windows aligned to the epoch and read from the injected clock (tests move it). Memory is one
 * number per key seen in the current window; the map is emptied when the window turns.
 */
export class FixedWindowLimiter {
  private window = Number.NaN;
  private readonly counts = new Map<string, number>();

  constructor(
    readonly limit: number,
    readonly windowSeconds: number,
  ) {}

  take(key: string, now: Date): RateDecision {
    const nowSec = now.getTime() / 1000;
    const window = Math.floor(nowSec / this.windowSeconds);
    if (window !== this.window) {
      this.window = window;
      this.counts.clear();
    }
    const used = this.counts.get(key) ?? 0;
    if (used >= this.limit) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((window + 1) * this.windowSeconds - nowSec)) };
    }
    this.counts.set(key, used + 1);
    return { ok: true, remaining: this.limit - used - 1 };
  }
}

/**
 * Per-user limit of the authenticated API (issue 10), keyed by user id.
 *
 * Per instance on purpose, not a database counter: this limit guards every authenticated
 * request, most of them reads, and a shared counter would turn each of them into a database
 * write (on FerretDB an insert per slot, since it has no atomic $inc — and SQLite has one writer
 * per database file), doubling the cost of the hot path to enforce a protective limit exactly.
 * So each instance admits ceil(RATE_LIMIT_USER_REQUESTS / API_INSTANCES) requests per user per
 * window: behind a balancer that spreads requests, a user gets about the configured total; one
 * pinned to a single instance (sticky sessions) gets the instance's share. Contractual limits
 * that must hold exactly across instances, like the Open311 api_key limit, use the database
 * instead (open311-rate-limit.ts: one unique insert per admitted request).
 */
const perApp = new WeakMap<AppContext, FixedWindowLimiter | null>();

export function userRateLimiter(ctx: AppContext): FixedWindowLimiter | null {
  let limiter = perApp.get(ctx);
  if (limiter === undefined) {
    const c = ctx.config;
    limiter = c.RATE_LIMIT_USER_REQUESTS > 0
      ? new FixedWindowLimiter(Math.ceil(c.RATE_LIMIT_USER_REQUESTS / c.API_INSTANCES), c.RATE_LIMIT_WINDOW_SECONDS)
      : null;
    perApp.set(ctx, limiter);
  }
  return limiter;
}

/** Counts one request of the user; throws 429 TOO_MANY_REQUESTS with Retry-After past the limit. */
export function takeUserRequest(ctx: AppContext, userId: string): void {
  const limiter = userRateLimiter(ctx);
  if (!limiter) return;
  const d = limiter.take(userId, ctx.clock.now());
  if (!d.ok) {
    throw tooManyRequests(
      d.retryAfterSeconds,
      `Rate limit of ${limiter.limit} requests per ${limiter.windowSeconds} s reached for this user; retry later`,
    );
  }
}
