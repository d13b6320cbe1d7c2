import type { FoldCase } from './case-timeline.workflow';
import type { CaseContribution, Unit } from './case-units.workflow';
import { indicatorDef, type Level } from './indicator-defs';

/**
 * Adds case contributions up per level and key (pure, constant memory per key), and turns the
 * tallies into figures. A unit of an org indicator counts once at each org level: bureau (`all`),
 * the team it is attributed to, the case's grid cell, domain and category, and each agency the
 * case was referred to; position units count at their inspector or dispatcher only.
 */
export interface Tally {
  /** Hits, or the sum of values for sums. */
  num: number;
  /** Units. */
  den: number;
}

export interface Figure {
  numerator: number;
  /** null for counts (超期数…): a count has no denominator. */
  denominator: number | null;
  /** Rate as a fraction rounded to 4 places, count, mean hours (2 places) or mean points; null when the denominator is 0 ("—"). */
  value: number | null;
}

export const NONE = 'none';

export interface CaseKeys {
  gridId: string | null;
  domain: string;
  categoryCode: string;
}

/** The (level, key) pairs one unit counts at. */
export function unitKeys(u: Unit, c: CaseKeys, agencies: readonly string[]): [Level, string][] {
  if (u.target.kind === 'inspector') return [['inspector', u.target.id]];
  if (u.target.kind === 'dispatcher') return [['dispatcher', u.target.id]];
  const keys: [Level, string][] = [
    ['bureau', 'all'],
    ['team', u.target.team ?? NONE],
    ['grid', c.gridId ?? NONE],
    ['domain', c.domain],
    ['category', c.categoryCode],
  ];
  for (const a of agencies) keys.push(['agency', a]);
  return keys;
}

export class IndicatorTally {
  /** level → key → indicator → tally. */
  readonly levels = new Map<Level, Map<string, Map<string, Tally>>>();

  add(c: FoldCase | CaseKeys, contribution: CaseContribution): void {
    // The keys of unitKeys(), without building them per unit (the hot loop of an evaluation).
    for (const u of contribution.units) {
      const t = u.target;
      if (t.kind === 'inspector' || t.kind === 'dispatcher') {
        this.count(t.kind, t.id, u.ind, u.hit, u.value);
        continue;
      }
      this.count('bureau', 'all', u.ind, u.hit, u.value);
      this.count('team', t.team ?? NONE, u.ind, u.hit, u.value);
      this.count('grid', c.gridId ?? NONE, u.ind, u.hit, u.value);
      this.count('domain', c.domain, u.ind, u.hit, u.value);
      this.count('category', c.categoryCode, u.ind, u.hit, u.value);
      for (const a of contribution.agencies) this.count('agency', a, u.ind, u.hit, u.value);
    }
  }

  /** Counts one unit (also used for review scores and joint-work items, which are not case units). */
  count(level: Level, key: string, ind: string, hit: boolean, value?: number): void {
    let byKey = this.levels.get(level);
    if (!byKey) this.levels.set(level, (byKey = new Map()));
    let byInd = byKey.get(key);
    if (!byInd) byKey.set(key, (byInd = new Map()));
    let t = byInd.get(ind);
    if (!t) byInd.set(ind, (t = { num: 0, den: 0 }));
    t.den += 1;
    if (value !== undefined) t.num += value;
    else if (hit) t.num += 1;
  }

  keys(level: Level): string[] {
    return [...(this.levels.get(level)?.keys() ?? [])].sort();
  }

  tally(level: Level, key: string, ind: string): Tally {
    return this.levels.get(level)?.get(key)?.get(ind) ?? { num: 0, den: 0 };
  }
}

const round = (x: number, places: number) => {
  const f = 10 ** places;
  return Math.round((x + Number.EPSILON) * f) / f;
};

/** A tally as a figure of the indicator's unit. */
export function figureOf(ind: string, t: Tally): Figure {
  const unit = indicatorDef(ind)?.unit ?? 'rate';
  if (unit === 'count') return { numerator: t.num, denominator: null, value: t.num };
  if (t.den === 0) return { numerator: t.num, denominator: 0, value: null };
  if (unit === 'hours') return { numerator: t.num, denominator: t.den, value: round(t.num / t.den / 3_600_000, 2) };
  if (unit === 'points') return { numerator: t.num, denominator: t.den, value: round(t.num / t.den, 2) };
  return { numerator: t.num, denominator: t.den, value: round(t.num / t.den, 4) };
}

/** How a figure reads: "83.33%", "12", "5.25 h", "87.50"; zero denominators read "—", never 0 % or 100 %. */
export function displayOf(ind: string, f: Figure): string {
  if (f.value === null) return '—';
  const unit = indicatorDef(ind)?.unit ?? 'rate';
  if (unit === 'count') return String(f.value);
  if (unit === 'hours') return `${f.value.toFixed(2)} h`;
  if (unit === 'points') return f.value.toFixed(2);
  return `${(f.value * 100).toFixed(2)}%`;
}

/** Drill-down: the units of one figure, so the list of cases behind a number is exactly what was counted. */
export interface DrillSpec {
  level: Level;
  key: string;
  ind: string;
  part: 'numerator' | 'denominator';
}

export function unitMatches(spec: DrillSpec, u: Unit, c: CaseKeys, agencies: readonly string[]): boolean {
  if (u.ind !== spec.ind) return false;
  const unit = indicatorDef(spec.ind)?.unit ?? 'rate';
  // A count has only a numerator; a sum's numerator adds up every unit of its denominator.
  if (spec.part === 'numerator' && unit === 'rate' && !u.hit) return false;
  return unitKeys(u, c, agencies).some(([l, k]) => l === spec.level && k === spec.key);
}
