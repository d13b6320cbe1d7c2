import { toMs, type Instant } from './shanghai-time';

/**
 * A paused interval (听证, 检测/鉴定, 公告, 缓办/挂账 …): the time that does not count towards a limit.
 * `end: null` means the pause is still open, i.e. the clock is stopped now.
 */
export interface Pause {
  start: Instant;
  end: Instant | null;
  /** Why the clock stopped (kept for the record; the engine does not interpret it). */
  reason: string;
}

/** A pause in epoch ms, clipped and merged; `end: null` = open. */
export interface Interval {
  start: number;
  end: number | null;
}

/**
 * Pauses as sorted, non-overlapping intervals starting no earlier than `from`: overlapping or
 * touching pauses are merged (time paused twice is still paused once), parts before `from` are
 * dropped. Throws a `RangeError` on a pause that ends before it starts.
 */
export function normalisePauses(pauses: readonly Pause[], from: number): Interval[] {
  const intervals = pauses
    .map((p): Interval => {
      const start = toMs(p.start);
      const end = p.end === null ? null : toMs(p.end);
      if (end !== null && end < start) throw new RangeError(`pause ends before it starts (${p.reason})`);
      return { start: Math.max(start, from), end };
    })
    .filter((p) => p.end === null || p.end > p.start)
    .sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const p of intervals) {
    const last = merged[merged.length - 1];
    if (last && (last.end === null || p.start <= last.end)) {
      last.end = last.end === null || p.end === null ? null : Math.max(last.end, p.end);
    } else {
      merged.push({ ...p });
    }
  }
  return merged;
}

/** Paused milliseconds inside [from, to]; an open pause runs until `to`. */
export function pausedMsWithin(pauses: readonly Pause[], from: number, to: number): number {
  let total = 0;
  for (const p of normalisePauses(pauses, from)) {
    if (p.start >= to) break;
    total += Math.min(p.end ?? to, to) - p.start;
  }
  return total;
}
