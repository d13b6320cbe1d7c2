/**
 * Evaluation periods (半年评估): H1 = 1 Jan–30 Jun, H2 = 1 Jul–31 Dec, or a custom range of whole
 * days, all in the reporting zone Asia/Shanghai (UTC+8, no DST since 1991 — see clock/shanghai-time).
 *
 * A period is the half-open instant range [start, end): `start` is 00:00 Shanghai of the first day,
 * `end` is 00:00 Shanghai of the day after the last day. So 2026-06-30T16:30Z (= 1 Jul 00:30 in
 * Shanghai) belongs to 2026-H2, and 2026-06-30T15:59:59.999Z (= 30 Jun 23:59:59.999) to 2026-H1.
 */
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export interface Period {
  /** `2026-H1`, `2026-H2` or `2026-01-01..2026-03-31` (custom, both days inclusive). */
  key: string;
  kind: 'half' | 'custom';
  /** First and last Shanghai calendar day, inclusive (YYYY-MM-DD). */
  firstDay: string;
  lastDay: string;
  /** Inclusive start instant (00:00 Shanghai of firstDay). */
  start: Date;
  /** Exclusive end instant (00:00 Shanghai of the day after lastDay). */
  end: Date;
  label: { zh: string; en: string };
}

const HALF = /^(\d{4})-H([12])$/;
const RANGE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 00:00 Asia/Shanghai of a `YYYY-MM-DD` day, or null when the date does not exist (2026-02-30). */
function shanghaiMidnight(day: string): number | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(utc).toISOString().slice(0, 10) !== day) return null;
  return utc - SHANGHAI_OFFSET_MS;
}

function dayOf(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Parses a period key; returns null when malformed (the schema turns that into a 400). */
export function parsePeriod(key: string): Period | null {
  const half = HALF.exec(key);
  if (half) {
    const year = Number(half[1]);
    const h = half[2] === '1' ? 1 : 2;
    const firstDay = h === 1 ? `${year}-01-01` : `${year}-07-01`;
    const lastDay = h === 1 ? `${year}-06-30` : `${year}-12-31`;
    return build(key, 'half', firstDay, lastDay, {
      zh: `${year}年${h === 1 ? '上' : '下'}半年`,
      en: `${year} H${h}`,
    });
  }
  const range = RANGE.exec(key);
  if (range) {
    const [firstDay, lastDay] = [range[1]!, range[2]!];
    const a = shanghaiMidnight(firstDay);
    const b = shanghaiMidnight(lastDay);
    // A custom range is for previews: at most two years, never backwards.
    if (a === null || b === null || b < a || b - a > 731 * DAY_MS) return null;
    return build(key, 'custom', firstDay, lastDay, { zh: `${firstDay} 至 ${lastDay}`, en: `${firstDay} to ${lastDay}` });
  }
  return null;
}

function build(key: string, kind: Period['kind'], firstDay: string, lastDay: string, label: Period['label']): Period {
  const start = shanghaiMidnight(firstDay)!;
  const end = shanghaiMidnight(lastDay)! + DAY_MS;
  return { key, kind, firstDay, lastDay, start: new Date(start), end: new Date(end), label };
}

/**
 * The period a report compares with (与上半年对比): the half-year before a half-year
 * (2026-H1 → 2025-H2, 2026-H2 → 2026-H1); for a custom range, the range of the same length
 * that ends the day before it starts.
 */
export function previousPeriod(p: Period): Period {
  const half = HALF.exec(p.key);
  if (half) {
    const year = Number(half[1]);
    return parsePeriod(half[2] === '1' ? `${year - 1}-H2` : `${year}-H1`)!;
  }
  const days = Math.round((p.end.getTime() - p.start.getTime()) / DAY_MS);
  const lastDay = dayOf(p.start.getTime() - DAY_MS);
  const firstDay = dayOf(p.start.getTime() - days * DAY_MS);
  return parsePeriod(`${firstDay}..${lastDay}`)!;
}

/** Whether an instant lies in [start, end). */
export function inPeriod(at: Date | number | null | undefined, p: { start: Date; end: Date }): boolean {
  if (at === null || at === undefined) return false;
  const ms = typeof at === 'number' ? at : at.getTime();
  return ms >= p.start.getTime() && ms < p.end.getTime();
}
