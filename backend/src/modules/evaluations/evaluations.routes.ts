import { Router } from 'express';
import type { AppContext } from '../../core/context';
import { route } from '../../core/validate';
import { caller, requireAuth, requireRole } from '../auth';
import { DEFAULT_CONFIG } from './evaluation.workflow';
import { BUREAU_READERS, indicatorScope, READ_ROLES, scoreScope } from './evaluations.policy';
import { presentBatchSummary, presentItem, presentRectification, presentRubric } from './evaluations.presenter';
import * as S from './evaluations.schemas';
import { INDICATORS, type Level } from './indicator-defs';
import { computeResults, drillDown } from './indicators.service';
import { parsePeriod } from './period.workflow';
import { confirm, getRectification, listRectifications, markDone } from './rectifications.service';
import { createReportsRouter } from './reports.routes';
import { createBatch, createRubric, getBatch, listBatches, listRubrics, scoreItem } from './reviews.service';

const TAGS = ['evaluations'];
const periodDto = (key: string) => {
  const p = parsePeriod(key)!;
  return { key: p.key, label: p.label, firstDay: p.firstDay, lastDay: p.lastDay, start: p.start.toISOString(), end: p.end.toISOString() };
};

/** `/evaluations`: indicators and drill-down, scores, case-file review, rectification items, reports. */
export function createEvaluationsRouter(ctx: AppContext): Router {
  const r = Router();
  const auth = requireAuth(ctx);
  const readers = requireRole(...READ_ROLES);
  const bureauReaders = requireRole(...BUREAU_READERS);
  const legal = requireRole('legal_officer');

  r.get('/definitions', auth, readers, ...route({ query: S.NoQuery, tags: TAGS, summary: 'The indicator catalogue: what each numerator and denominator counts' }, async (_i, _req, res) => {
    res.json({ data: INDICATORS });
  }));

  r.get('/indicators', auth, readers, ...route({ query: S.IndicatorsQuery, tags: TAGS, summary: 'Figures of one level for a period (zero denominators are "—")' }, async ({ query }, req, res) => {
    const visibleKeys = indicatorScope(caller(req), query.level as Level, query.key);
    const { computed, results } = await computeResults(parsePeriod(query.period)!, { config: DEFAULT_CONFIG, now: ctx.clock.now() });
    const rows = results.levels[query.level as Level].filter((row) => (!query.key || row.key === query.key) && (!visibleKeys || visibleKeys.includes(row.key)));
    res.json({ data: { period: periodDto(query.period), asOf: computed.asOf.toISOString(), level: query.level, reviewBatchId: computed.reviewBatchId, rows } });
  }));

  r.get('/indicators/cases', auth, readers, ...route({ query: S.DrillQuery, tags: TAGS, summary: 'The cases (or joint-work items) behind one figure' }, async ({ query }, req, res) => {
    indicatorScope(caller(req), query.level as Level, query.key);
    const spec = { level: query.level as Level, key: query.key, ind: query.indicator, part: query.part };
    const out = await drillDown(parsePeriod(query.period)!, spec, { config: DEFAULT_CONFIG, now: ctx.clock.now() });
    res.json({ data: { ...query, period: periodDto(query.period), asOf: out.asOf.toISOString(), count: out.count, items: out.items } });
  }));

  r.get('/scores', auth, readers, ...route({ query: S.PeriodQuery, tags: TAGS, summary: 'Composite scores and A–E grades of teams, inspectors and dispatchers' }, async ({ query }, req, res) => {
    const team = scoreScope(caller(req));
    const { computed, results } = await computeResults(parsePeriod(query.period)!, { config: DEFAULT_CONFIG, now: ctx.clock.now() });
    const scores = team ? { team: results.scores.team.filter((s) => s.key === team), inspector: [], dispatcher: [] } : results.scores;
    res.json({ data: { period: periodDto(query.period), asOf: computed.asOf.toISOString(), config: DEFAULT_CONFIG, scores } });
  }));

  r.get('/rubrics', auth, bureauReaders, ...route({ query: S.NoQuery, tags: TAGS, summary: 'Rubric versions, newest first' }, async (_i, _req, res) => {
    res.json({ data: (await listRubrics(ctx)).map(presentRubric) });
  }));
  r.post('/rubrics', auth, legal, ...route({ body: S.RubricBody, tags: TAGS, summary: 'Save a new rubric version', responses: { 201: { description: 'Created' } } }, async ({ body }, req, res) => {
    res.status(201).json({ data: presentRubric(await createRubric(ctx, caller(req), body)) });
  }));

  r.get('/reviews', auth, bureauReaders, ...route({ query: S.ReviewListQuery, tags: TAGS, summary: 'Review samples' }, async ({ query }, _req, res) => {
    res.json({ data: (await listBatches(query.period)).map(presentBatchSummary) });
  }));
  r.post('/reviews', auth, legal, ...route({ body: S.CreateReviewBody, tags: TAGS, summary: 'Draw a reproducible sample of closed cases per team', responses: { 201: { description: 'Created' } } }, async ({ body }, req, res) => {
    const b = await createBatch(ctx, caller(req), body);
    res.status(201).json({ data: { ...presentBatchSummary(b.batch), items: b.items.map(presentItem), rectifications: [] } });
  }));
  r.get('/reviews/:id', auth, bureauReaders, ...route({ params: S.IdParams, query: S.NoQuery, tags: TAGS, summary: 'A review sample with its files and rectification items' }, async ({ params }, _req, res) => {
    const b = await getBatch(params.id);
    res.json({ data: { ...presentBatchSummary(b.batch), items: b.items.map(presentItem), rectifications: b.rectifications.map(presentRectification) } });
  }));
  r.post('/review-items/:id/score', auth, legal, ...route({ params: S.IdParams, body: S.ScoreBody, tags: TAGS, summary: 'Score one file against the rubric; findings become rectification items' }, async ({ params, body }, req, res) => {
    res.json({ data: presentItem(await scoreItem(ctx, caller(req), params.id, body)) });
  }));

  r.get('/rectifications', auth, readers, ...route({ query: S.RectificationListQuery, tags: TAGS, summary: 'Rectification items (a team leader sees their team’s)' }, async ({ query }, req, res) => {
    const { page, nextCursor } = await listRectifications(caller(req), query);
    res.json({ data: page.map(presentRectification), meta: { nextCursor } });
  }));
  r.get('/rectifications/:id', auth, readers, ...route({ params: S.IdParams, query: S.NoQuery, tags: TAGS, summary: 'One rectification item' }, async ({ params }, req, res) => {
    res.json({ data: presentRectification(await getRectification(caller(req), params.id)) });
  }));
  r.post('/rectifications/:id/done', auth, requireRole('team_leader'), ...route({ params: S.IdParams, body: S.RectificationDoneBody, tags: TAGS, summary: 'The team leader reports the rectification done, with evidence' }, async ({ params, body }, req, res) => {
    res.json({ data: presentRectification(await markDone(ctx, caller(req), params.id, body.evidence)) });
  }));
  r.post('/rectifications/:id/confirm', auth, legal, ...route({ params: S.IdParams, body: S.RectificationConfirmBody, tags: TAGS, summary: 'The legal office confirms the rectification or sends it back' }, async ({ params, body }, req, res) => {
    res.json({ data: presentRectification(await confirm(ctx, caller(req), params.id, body.accepted, body.note)) });
  }));

  r.use('/reports', createReportsRouter(ctx));
  return r;
}
