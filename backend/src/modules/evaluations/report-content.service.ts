import type { AppContext } from '../../core/context';
import { ReportModel } from './evaluation.model';
import type { EvaluationConfig } from './evaluation.workflow';
import { indicatorsAt } from './indicator-defs';
import { computeResults } from './indicators.service';
import { parsePeriod, previousPeriod, type Period } from './period.workflow';
import type { Row, ScoreRow } from './results.workflow';
import { getBatch } from './reviews.service';

/**
 * What a report says: every figure at every level, composite scores and grades, the comparison
 * with the previous half-year, the review sample's results and the rectification items. Publishing
 * freezes exactly this object (canonical JSON + sha256); drafts show it computed now.
 */
type Raw = Record<string, any>;

export interface ReportContent {
  schema: 1;
  report: { id: string; title: string; periodKey: string; version: number; supersedes: string | null };
  period: PeriodDto;
  asOf: string;
  config: EvaluationConfig;
  indicators: Record<string, Row[]>;
  scores: Record<string, ScoreRow[]>;
  previous: { period: PeriodDto; source: 'published' | 'computed'; reportId: string | null; hash: string | null; bureau: Row | null; team: Row[] };
  comparison: { indicator: string; name: { zh: string; en: string }; current: number | null; previous: number | null; change: number | null; currentDisplay: string; previousDisplay: string }[];
  review: Raw | null;
  rectifications: { id: string; caseNo: string; team: string; rubricItem: string | null; text: string; status: string }[];
  notes: string[];
}

interface PeriodDto {
  key: string;
  label: { zh: string; en: string };
  firstDay: string;
  lastDay: string;
  start: string;
  end: string;
}

const periodDto = (p: Period): PeriodDto => ({ key: p.key, label: p.label, firstDay: p.firstDay, lastDay: p.lastDay, start: p.start.toISOString(), end: p.end.toISOString() });
const round4 = (x: number) => Math.round((x + Number.EPSILON) * 10000) / 10000;

/** The previous half-year's figures: from its published report when there is one (immutable), else computed. */
async function previousFigures(ctx: AppContext, period: Period, config: EvaluationConfig): Promise<ReportContent['previous']> {
  const prev = previousPeriod(period);
  const published = await ReportModel.findOne({ periodKey: prev.key, status: 'published' }).sort({ version: -1 }).lean<Raw>();
  if (published?.snapshotJson) {
    const snap = JSON.parse(published.snapshotJson) as ReportContent;
    return { period: periodDto(prev), source: 'published', reportId: String(published._id), hash: published.hash, bureau: snap.indicators.bureau?.[0] ?? null, team: snap.indicators.team ?? [] };
  }
  const { results } = await computeResults(prev, { config, now: ctx.clock.now() });
  return { period: periodDto(prev), source: 'computed', reportId: null, hash: null, bureau: results.levels.bureau[0] ?? null, team: results.levels.team };
}

function reviewSection(batch: Awaited<ReturnType<typeof getBatch>> | null) {
  if (!batch) return { review: null, rectifications: [] };
  const files = batch.items.map((it) => ({
    caseId: String(it.caseId),
    caseNo: it.caseNo,
    team: it.team,
    prechecks: (it.prechecks ?? []).map((p: Raw) => p.code),
    status: it.status,
    total: it.score?.total ?? null,
    rating: it.score?.rating ?? null,
    vetoFailed: it.score?.vetoFailed ?? [],
    findings: (it.findings ?? []).map((f: Raw) => ({ item: f.item ?? null, text: f.text })),
  }));
  const scored = files.filter((f) => f.status === 'scored');
  const sum = scored.reduce((s, f) => s + (f.total ?? 0), 0);
  return {
    review: {
      batchId: String(batch.batch._id),
      seed: batch.batch.seed,
      sizePerTeam: batch.batch.sizePerTeam,
      rubricVersion: batch.batch.rubricVersion,
      teams: batch.batch.teams,
      files,
      summary: {
        files: files.length,
        scored: scored.length,
        mean: scored.length ? Math.round((sum / scored.length + Number.EPSILON) * 100) / 100 : null,
        excellent: scored.filter((f) => f.rating === 'excellent').length,
        pass: scored.filter((f) => f.rating === 'pass').length,
        fail: scored.filter((f) => f.rating === 'fail').length,
      },
    },
    rectifications: batch.rectifications.map((r) => ({ id: String(r._id), caseNo: r.caseNo, team: r.team, rubricItem: r.rubricItem ?? null, text: r.text, status: r.status })),
  };
}

export async function buildContent(ctx: AppContext, report: Raw): Promise<ReportContent> {
  const period = parsePeriod(report.periodKey)!;
  const config = report.config as EvaluationConfig;
  const { computed, results } = await computeResults(period, { config, now: ctx.clock.now(), reviewBatchId: report.reviewBatchId ? String(report.reviewBatchId) : null });
  const previous = await previousFigures(ctx, period, config);
  const batch = computed.reviewBatchId ? await getBatch(computed.reviewBatchId) : null;
  const bureau = results.levels.bureau[0]!;
  const comparison = indicatorsAt('bureau').map((def) => {
    const cur = bureau.indicators[def.key]!;
    const prev = previous.bureau?.indicators[def.key] ?? null;
    const change = cur.value !== null && prev && prev.value !== null ? round4(cur.value - prev.value) : null;
    return { indicator: def.key, name: def.name, current: cur.value, previous: prev?.value ?? null, change, currentDisplay: cur.display, previousDisplay: prev?.display ?? '—' };
  });
  const notes: string[] = [];
  if (computed.asOf.getTime() < period.end.getTime()) notes.push(`The period is not over: figures as of ${computed.asOf.toISOString()}.`);
  if (!batch) notes.push('No case-file review sample for this period: reviewMeanScore shows "—".');
  return {
    schema: 1,
    report: { id: String(report._id), title: report.title, periodKey: report.periodKey, version: report.version, supersedes: report.supersedes ? String(report.supersedes) : null },
    period: periodDto(period),
    asOf: computed.asOf.toISOString(),
    config,
    indicators: results.levels,
    scores: results.scores,
    previous,
    comparison,
    ...reviewSection(batch),
    notes,
  };
}
