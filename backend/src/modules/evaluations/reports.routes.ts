import { Router } from 'express';
import type { AppContext } from '../../core/context';
import { route } from '../../core/validate';
import { caller, requireAuth, requireRole } from '../auth';
import { BUREAU_READERS } from './evaluations.policy';
import { presentReport, presentStep } from './evaluations.presenter';
import * as S from './evaluations.schemas';
import { reportCsv } from './report-csv';
import { renderReportPdf } from './report-pdf';
import * as svc from './reports.service';

const TAGS = ['evaluations'];
const CREATED = { 201: { description: 'Created' } };

/** `/evaluations/reports`: draft → reviewed → published, corrections, CSV and PDF exports. */
export function createReportsRouter(ctx: AppContext): Router {
  const r = Router();
  const auth = requireAuth(ctx);
  const readers = requireRole(...BUREAU_READERS);
  const legal = requireRole('legal_officer');

  r.get('/', auth, readers, ...route({ query: S.ReportListQuery, tags: TAGS, summary: 'Report history (bureau readers: published only)' }, async ({ query }, req, res) => {
    res.json({ data: (await svc.listReports(caller(req), query.period)).map((x) => presentReport(x)) });
  }));
  r.post('/', auth, legal, ...route({ body: S.CreateReportBody, tags: TAGS, summary: 'Start a draft report for a period', responses: CREATED }, async ({ body }, req, res) => {
    res.status(201).json({ data: presentReport(await svc.createReport(ctx, caller(req), body)) });
  }));
  r.get('/:id', auth, readers, ...route({ params: S.IdParams, query: S.NoQuery, tags: TAGS, summary: 'A report with its content (the frozen snapshot once published)' }, async ({ params }, req, res) => {
    const user = caller(req);
    const { report, content, hashValid, supersededBy } = await svc.reportWithContent(ctx, user, params.id);
    const history = (await svc.historyOf(report._id)).map(presentStep);
    res.json({ data: { ...presentReport(report, { supersededBy }), hashValid, content, history } });
  }));
  r.patch('/:id', auth, legal, ...route({ params: S.IdParams, body: S.UpdateReportBody, tags: TAGS, summary: 'Edit a draft or reviewed report (a published one answers 409)' }, async ({ params, body }, req, res) => {
    res.json({ data: presentReport(await svc.updateReport(ctx, caller(req), params.id, body)) });
  }));
  r.post('/:id/review', auth, legal, ...route({ params: S.IdParams, tags: TAGS, summary: 'Mark the draft reviewed', responses: { 200: { description: 'Reviewed' } } }, async ({ params }, req, res) => {
    res.json({ data: presentReport(await svc.markReviewed(ctx, caller(req), params.id)) });
  }));
  r.post('/:id/publish', auth, legal, ...route({ params: S.IdParams, tags: TAGS, summary: 'Publish: freeze the snapshot and its sha256', responses: { 200: { description: 'Published' } } }, async ({ params }, req, res) => {
    res.json({ data: presentReport(await svc.publish(ctx, caller(req), params.id)) });
  }));
  r.post('/:id/corrections', auth, legal, ...route({ params: S.IdParams, tags: TAGS, summary: 'Start a correction: a new draft that supersedes the published report', responses: CREATED }, async ({ params }, req, res) => {
    res.status(201).json({ data: presentReport(await svc.correct(ctx, caller(req), params.id)) });
  }));
  r.get('/:id/export.csv', auth, readers, ...route({ params: S.IdParams, query: S.CsvQuery, tags: TAGS, summary: 'One table of the report as CSV (UTF-8 with BOM)', responses: { 200: { contentType: 'text/csv', description: 'CSV' } } }, async ({ params, query }, req, res) => {
    const { report, content } = await svc.reportWithContent(ctx, caller(req), params.id);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="evaluation-${report.periodKey}-v${report.version}-${query.table}.csv"`);
    res.send(reportCsv(content, query.table));
  }));
  r.get('/:id/export.pdf', auth, readers, ...route({ params: S.IdParams, query: S.NoQuery, tags: TAGS, summary: 'The report as PDF (Chinese text, tables, charts)', responses: { 200: { contentType: 'application/pdf', description: 'PDF' } } }, async ({ params }, req, res) => {
    const { report, content } = await svc.reportWithContent(ctx, caller(req), params.id);
    const pdf = await renderReportPdf(ctx.config, content, { status: report.status, hash: report.hash ?? null, generatedAt: ctx.clock.now() });
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="evaluation-${report.periodKey}-v${report.version}.pdf"`);
    res.send(pdf);
  }));
  return r;
}
