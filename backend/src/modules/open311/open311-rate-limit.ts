import type { Types } from 'mongoose';
import { isDuplicateKey } from '../../core/errors';
import { Open311RateSlotModel } from './open311.model';

/** Next slot to try per `<client>:<window>` in this process (a hint; the unique key decides). */
const hints = new Map<string, number>();
let lastSweptWindow = -1;

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

/**
 * Fixed-window limit per client, shared by every server process through the database: admitting
 * a request inserts slot n of the window (n < limit); a duplicate key means another request took
 * it, so try n + 1. Exactly `limit` requests per window get through, whatever the concurrency.
 */
export async function takeRateSlot(clientId: Types.ObjectId | string, limit: number, windowSeconds: number, now: Date): Promise<RateDecision> {
  const nowSec = now.getTime() / 1000;
  const window = Math.floor(nowSec / windowSeconds);
  const retryAfterSeconds = Math.max(1, Math.ceil((window + 1) * windowSeconds - nowSec));
  const key = `${String(clientId)}:${window}`;
  sweep(window);
  for (let n = hints.get(key) ?? 0; n < limit; n++) {
    try {
      await Open311RateSlotModel.create({ _id: `${key}:${n}`, window, at: now });
      hints.set(key, n + 1);
      return { ok: true, remaining: limit - n - 1 };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  hints.set(key, limit);
  return { ok: false, retryAfterSeconds };
}

/** Forgets past windows: the hints at once, the stored slots in the background (best effort). */
function sweep(window: number): void {
  if (window === lastSweptWindow) return;
  lastSweptWindow = window;
  for (const k of hints.keys()) if (Number(k.split(':')[1]) < window) hints.delete(k);
  void Open311RateSlotModel.deleteMany({ window: { $lt: window - 1 } }).catch(() => undefined);
}
