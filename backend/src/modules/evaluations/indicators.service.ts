import type { FoldCase } from './case-timeline.workflow';
import { buildFacts, currentFacts, isBuilt } from './case-facts.repository';
import { caseUnits, type CaseContribution, type FoldContext } from './case-units.workflow';
import type { EvaluationConfig } from './evaluation.workflow';
import type { Level } from './indicator-defs';
import { IndicatorTally, NONE, unitKeys, unitMatches, type DrillSpec } from './indicator-tally.workflow';
import { caseSummaries, inspectorsByGrid, labelsFor, loadTimelines, positionHolders, streamTimelines, type CaseTimeline } from './indicators.repository';
import { jointWorkUnits } from './joint-work.service';
import type { SpillOptions } from './timeline-spill';
import type { Period } from './period.workflow';
import { resultsOf, type Results } from './results.workflow';
import { batches, items } from './reviews.repository';

/**
 * The indicator engine over the database: one pass over the case timelines (streamed), plus the
 * period's review scores and the joint-work collections, into one tally; then labels, figures and
 * composite scores. A drill-down runs the same pass and keeps the units of one figure, so the list
 * behind a number is exactly what was counted.
 */
export interface ComputeOptions {
  config: EvaluationConfig;
  now: Date;
  /** Review sample whose scores make reviewMeanScore; default the period's latest sample. */
  reviewBatchId?: string | null;
  drill?: DrillSpec;
  /**
   * `facts` (default): the evaluation fact projection (case-facts.repository.ts), falling back to
   * `stream` while it is being built; `stream`: one pass over every case and event; `memory`:
   * loads every timeline first (the benchmarks' baselines).
   */
  source?: 'facts' | 'stream' | 'memory';
  /** When the stream spills to disk (default DEFAULT_SPILL). */
  spill?: SpillOptions;
}

export interface DrillRef {
  type: 'case' | 'joint_case' | 'joint_task' | 'action_item';
  id: string;
  /** How many units of the figure this object is (a case dispatched twice counts twice). */
  times: number;
}

export interface Computed {
  period: Period;
  asOf: Date;
  tally: IndicatorTally;
  reviewBatchId: string | null;
  refs: DrillRef[];
  cases: number;
}

/** One pass over every case timeline relevant to the period, handing each case's units to `visit`. */
export async function foldCases(
  period: Period,
  opts: Pick<ComputeOptions, 'config' | 'now' | 'source' | 'spill'>,
  visit: (kase: FoldCase, contribution: CaseContribution) => void,
): Promise<{ asOf: Date; cases: number }> {
  const asOf = new Date(Math.min(period.end.getTime(), opts.now.getTime()));
  const grids = await inspectorsByGrid();
  const fold: FoldContext = {
    start: period.start.getTime(),
    end: period.end.getTime(),
    asOf: asOf.getTime(),
    rules: { excludePostponed: opts.config.rules.excludePostponed },
    inspectorsOfGrid: (g) => (g ? (grids.get(g) ?? []) : []),
  };
  let cases = 0;
  const take = (tl: Pick<CaseTimeline, 'kase' | 'events'>) => {
    cases += 1;
    visit(tl.kase, caseUnits(tl.kase, tl.events, fold));
  };
  const source = opts.source ?? 'facts';
  if (source === 'facts' && ((await isBuilt()) || (await buildFacts(opts.now)))) {
    for await (const f of currentFacts(opts.now)) if (f.kase.reportedAt.getTime() < fold.end) take(f);
  } else if (source === 'memory') for (const tl of await loadTimelines(period.end)) take(tl);
  else for await (const tl of streamTimelines(period.end, undefined, opts.spill)) take(tl);
  return { asOf, cases };
}

export async function computeTally(period: Period, opts: ComputeOptions): Promise<Computed> {
  const tally = new IndicatorTally();
  const refs = new Map<string, DrillRef>();
  const hit = (type: DrillRef['type'], id: string) => {
    const k = `${type}:${id}`;
    const r = refs.get(k);
    if (r) r.times += 1;
    else refs.set(k, { type, id, times: 1 });
  };
  const { asOf, cases } = await foldCases(period, opts, (kase, contribution) => {
    tally.add(kase, contribution);
    if (opts.drill) for (const u of contribution.units) if (unitMatches(opts.drill, u, kase, contribution.agencies)) hit('case', kase.id);
  });

  const batch = opts.reviewBatchId ? await batches.byId(opts.reviewBatchId) : await batches.latestFor(period.key);
  if (batch && batch.periodKey === period.key) {
    for (const it of await items.ofBatch(batch._id)) {
      if (it.status !== 'scored') continue;
      const keys: [Level, string][] = unitKeys({ ind: 'reviewMeanScore', hit: true, target: { kind: 'org', team: it.team === NONE ? null : it.team } }, { gridId: it.gridId, domain: it.domain, categoryCode: it.categoryCode }, it.agencies ?? []);
      for (const [level, key] of keys) tally.count(level, key, 'reviewMeanScore', true, it.score.total);
      if (opts.drill?.ind === 'reviewMeanScore' && keys.some(([l, k]) => l === opts.drill!.level && k === opts.drill!.key)) hit('case', String(it.caseId));
    }
  }
  for (const u of await jointWorkUnits(period.start, period.end)) {
    for (const [level, key] of u.keys) tally.count(level, key, u.ind, u.hit);
    const d = opts.drill;
    if (d && d.ind === u.ind && (d.part === 'denominator' || u.hit) && u.keys.some(([l, k]) => l === d.level && k === d.key)) hit(u.ref.type, u.ref.id);
  }
  return { period, asOf, tally, reviewBatchId: batch && batch.periodKey === period.key ? String(batch._id) : null, refs: [...refs.values()], cases };
}

/** Figures at every level and composite scores, with names. */
export async function computeResults(period: Period, opts: ComputeOptions): Promise<{ computed: Computed; results: Results }> {
  const computed = await computeTally(period, opts);
  const { tally } = computed;
  const [inspectors, dispatchers] = await Promise.all([positionHolders('inspector'), positionHolders('dispatcher')]);
  const users = [...new Set([...inspectors, ...dispatchers, ...tally.keys('inspector'), ...tally.keys('dispatcher')])];
  const labels = await labelsFor({ grid: tally.keys('grid'), agency: tally.keys('agency'), category: tally.keys('category'), users });
  const byLevel: Partial<Record<Level, Map<string, { code: string; name: { zh: string; en: string } }>>> = {
    team: labels.teams,
    grid: labels.grid,
    agency: labels.agency,
    category: labels.category,
    inspector: labels.users,
    dispatcher: labels.users,
  };
  const results = resultsOf(
    tally,
    {
      of: (level, key) => byLevel[level]?.get(key) ?? null,
      always: { team: labels.activeTeams, inspector: inspectors, dispatcher: dispatchers },
    },
    opts.config,
  );
  return { computed, results };
}

/** The objects behind one figure, with case numbers for cases. */
export async function drillDown(period: Period, spec: DrillSpec, opts: Omit<ComputeOptions, 'drill'>) {
  const computed = await computeTally(period, { ...opts, drill: spec });
  const summaries = await caseSummaries(computed.refs.filter((r) => r.type === 'case').map((r) => r.id));
  return {
    asOf: computed.asOf,
    count: computed.refs.reduce((s, r) => s + r.times, 0),
    items: computed.refs
      .map((r) => ({ ...r, caseNo: summaries.get(r.id)?.caseNo ?? null, status: summaries.get(r.id)?.status ?? null }))
      .sort((a, b) => (a.caseNo ?? a.id).localeCompare(b.caseNo ?? b.id)),
  };
}

