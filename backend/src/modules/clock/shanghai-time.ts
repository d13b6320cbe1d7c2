/**
 * Asia/Shanghai day arithmetic with a fixed UTC+8 offset.
 *
 * Why a fixed offset and not a time-zone database: China has observed no daylight saving time since
 * 1991 (IANA `Asia/Shanghai` has had no rule change since then), so UTC+8 gives exactly the same day
 * boundaries as `Intl`/tzdata for every date this system handles, keeps the clock engine pure and
 * dependency-free, and makes it independent of the server's own `TZ`.
 *
 * A "day number" is the count of Shanghai calendar days since 1970-01-01 (Shanghai), the unit all
 * day-based counting in this module works in.
 */

/** An instant: a `Date` or epoch milliseconds. */
export type Instant = Date | number;

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** Asia/Shanghai is UTC+8 all year (no DST since 1991). */
export const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch milliseconds of an instant; throws on an invalid date so a bad input never yields a silent NaN deadline. */
export function toMs(t: Instant): number {
  const ms = typeof t === 'number' ? t : t.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid instant');
  return ms;
}

/** The Shanghai calendar day an instant falls in. */
export function dayNumberOf(t: Instant): number {
  return Math.floor((toMs(t) + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** The instant at which Shanghai day `day` begins (00:00 +08:00); `startOfDay(d + 1)` is 24:00 of day `d`. */
export function startOfDay(day: number): number {
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** `YYYY-MM-DD` of a day number. */
export function dayKeyOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Day number of a `YYYY-MM-DD` key; throws on malformed or impossible dates (2026-02-30). */
export function dayNumberFromKey(key: string): number {
  const m = DAY_KEY.exec(key);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(key)}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = ms / DAY_MS;
  if (dayKeyOf(day) !== key) throw new RangeError(`no such date: ${key}`);
  return day;
}

/** Day of the week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Rounds an instant up to the next Shanghai midnight (unchanged when already on one). */
export function ceilToDayEnd(ms: number): number {
  const day = dayNumberOf(ms);
  return startOfDay(day) === ms ? ms : startOfDay(day + 1);
}
