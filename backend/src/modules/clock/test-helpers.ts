/** Helpers shared by the clock tests (not part of the module's public surface). */

/** An Asia/Shanghai wall-clock time: `sh('2026-03-10T10:00')` or with seconds `sh('2026-03-10T10:00:30')`. */
export const sh = (local: string): Date => new Date(local.length === 16 ? `${local}:00+08:00` : `${local}+08:00`);

/** ISO string of 24:00 Asia/Shanghai of `day`: the instant a day limit whose last day is `day` expires. */
export const endOf = (day: string): string => new Date(Date.parse(`${day}T00:00:00+08:00`) + DAY).toISOString();

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
