/** Evaluation periods as the API spells them: `YYYY-H1`, `YYYY-H2`, or `YYYY-MM-DD..YYYY-MM-DD` (Shanghai days). */
export const HALF_RE = /^(\d{4})-H([12])$/;
export const RANGE_RE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

export const isPeriod = (s: string | null | undefined): s is string => !!s && (HALF_RE.test(s) || (RANGE_RE.test(s) && s.slice(0, 10) <= s.slice(12)));

/** The current half-year in Shanghai, e.g. `2026-H2`. */
export function currentPeriod(now = Date.now()): string {
  const d = new Date(now + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${d.getUTCMonth() < 6 ? 'H1' : 'H2'}`;
}

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** The period before: the previous half-year, or a range of the same length just before (as the server's previousPeriod). */
export function previousPeriod(p: string): string {
  const h = HALF_RE.exec(p);
  if (h) return h[2] === '1' ? `${Number(h[1]) - 1}-H2` : `${h[1]}-H1`;
  const r = RANGE_RE.exec(p);
  if (!r) return p;
  const start = ms(r[1]!);
  const days = Math.round((ms(r[2]!) + DAY - start) / DAY);
  return `${day(start - days * DAY)}..${day(start - DAY)}`;
}
