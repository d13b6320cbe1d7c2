import { Types } from 'mongoose';
import type { z } from 'zod';
import type { AppContext } from '../../core/context';
import { conflict, notFound, unprocessable } from '../../core/errors';
import type { AuthUser } from '../auth';
import { ReportModel } from './evaluation.model';
import { withDefaults } from './evaluation.workflow';
import type { ConfigBody, CreateReportBody, UpdateReportBody } from './evaluations.schemas';
import { canSeeReport, reportListFilter } from './evaluations.policy';
import { parsePeriod } from './period.workflow';
import { buildContent, type ReportContent } from './report-content.service';
import { batches } from './reviews.repository';
import { seal, sha256Hex } from './snapshot.workflow';
import { claimStep, stepsOf } from './steps.repository';

/**
 * The report lifecycle: draft → reviewed → published (法制部门). Each change claims the report's
 * next step (unique) before writing. Publishing freezes the content as canonical JSON with its
 * sha256; a published report is never edited again (409), and a correction is a new report that
 * supersedes it (one correction per report, decided by the old report's next step).
 */
type Raw = Record<string, any>;

const oid = (id: string) => new Types.ObjectId(id);
const validId = (id: string) => /^[0-9a-f]{24}$/i.test(id);

async function load(id: string): Promise<Raw | null> {
  return validId(id) ? ReportModel.findById(id).lean<Raw>() : null;
}

/** A report the caller may see (404 otherwise). */
export async function visibleReport(user: AuthUser, id: string): Promise<Raw> {
  const r = await load(id);
  if (!r || !canSeeReport(user, r as { status: string })) throw notFound('report', id);
  return r;
}

async function assertBatch(periodKey: string, batchId: string | null | undefined) {
  if (!batchId) return;
  const b = await batches.byId(batchId);
  if (!b || b.periodKey !== periodKey) throw unprocessable('INVALID_REVIEW_SAMPLE', 'The review sample does not exist or belongs to another period');
}

const defaultTitle = (periodKey: string) => `综合行政执法${parsePeriod(periodKey)!.label.zh}评估报告`;

export async function createReport(ctx: AppContext, user: AuthUser, body: z.infer<typeof CreateReportBody>, supersedes?: Raw) {
  await assertBatch(body.period, body.reviewBatchId);
  const doc = await ReportModel.create({
    periodKey: body.period,
    title: body.title ?? defaultTitle(body.period),
    status: 'draft',
    version: supersedes ? supersedes.version + 1 : 1,
    ...(supersedes ? { supersedes: supersedes._id } : {}),
    config: withDefaults(body.config),
    reviewBatchId: body.reviewBatchId ? oid(body.reviewBatchId) : null,
    seq: 0,
    createdBy: oid(user.id),
    createdAt: ctx.clock.now(),
  });
  return doc.toObject() as Raw;
}

export async function listReports(user: AuthUser, periodKey?: string) {
  const filter: Raw = { ...reportListFilter(user) };
  if (periodKey) filter.periodKey = periodKey;
  const rows = await ReportModel.find(filter, { snapshotJson: 0 }).sort({ createdAt: -1, _id: -1 }).limit(200).lean<Raw[]>();
  const superseded = await ReportModel.find({ supersedes: { $in: rows.map((r) => r._id) } }, { supersedes: 1 }).lean<Raw[]>();
  const by = new Map(superseded.map((s) => [String(s.supersedes), String(s._id)]));
  return rows.map((r) => ({ ...r, supersededBy: by.get(String(r._id)) ?? null }));
}

/** The report with its content: the frozen snapshot once published, else computed now. */
export async function reportWithContent(ctx: AppContext, user: AuthUser, id: string): Promise<{ report: Raw; content: ReportContent; hashValid: boolean | null; supersededBy: string | null }> {
  const report = await visibleReport(user, id);
  const next = await ReportModel.findOne({ supersedes: report._id }, { _id: 1 }).lean<Raw>();
  if (report.status === 'published') {
    return { report, content: JSON.parse(report.snapshotJson), hashValid: sha256Hex(report.snapshotJson) === report.hash, supersededBy: next ? String(next._id) : null };
  }
  return { report, content: await buildContent(ctx, report), hashValid: null, supersededBy: next ? String(next._id) : null };
}

function assertEditable(r: Raw) {
  if (r.status === 'published') throw conflict('REPORT_PUBLISHED', 'A published report cannot be changed; create a correction instead');
}

/** Editing a reviewed report sends it back to draft (it must be reviewed again). */
export async function updateReport(ctx: AppContext, user: AuthUser, id: string, body: z.infer<typeof UpdateReportBody>) {
  const r = await visibleReport(user, id);
  assertEditable(r);
  await assertBatch(r.periodKey, body.reviewBatchId);
  const set: Raw = { status: 'draft', reviewedBy: null, reviewedAt: null };
  if (body.title !== undefined) set.title = body.title;
  if (body.reviewBatchId !== undefined) set.reviewBatchId = body.reviewBatchId ? oid(body.reviewBatchId) : null;
  if (body.config !== undefined) set.config = withDefaults(mergeConfig(r.config, body.config));
  await claimStep('report', r._id, r.seq + 1, 'edit', user, ctx.clock.now(), { fields: Object.keys(body) });
  await ReportModel.updateOne({ _id: r._id, seq: r.seq }, { $set: { ...set, seq: r.seq + 1 } });
  return (await load(id))!;
}

function mergeConfig(current: Raw, change: ConfigBody) {
  return {
    weights: { ...current.weights, ...Object.fromEntries(Object.entries(change.weights ?? {}).map(([k, v]) => [k, { ...current.weights?.[k], ...v }])) },
    rules: { ...current.rules, ...(change.rules ?? {}) },
    grades: { ...current.grades, ...(change.grades ?? {}) },
  };
}

export async function markReviewed(ctx: AppContext, user: AuthUser, id: string) {
  const r = await visibleReport(user, id);
  assertEditable(r);
  if (r.status !== 'draft') throw conflict('REPORT_INVALID_STATE', `The report is ${r.status}, not draft`, { status: r.status });
  const now = ctx.clock.now();
  await claimStep('report', r._id, r.seq + 1, 'review', user, now);
  await ReportModel.updateOne({ _id: r._id, seq: r.seq }, { $set: { status: 'reviewed', reviewedBy: oid(user.id), reviewedAt: now, seq: r.seq + 1 } });
  return (await load(id))!;
}

/** Freezes the content: canonical JSON + sha256, stored once; the review sample's scores freeze with it. */
export async function publish(ctx: AppContext, user: AuthUser, id: string) {
  const r = await visibleReport(user, id);
  assertEditable(r);
  if (r.status !== 'reviewed') throw conflict('REPORT_INVALID_STATE', `The report is ${r.status}; it must be reviewed before publishing`, { status: r.status });
  const content = await buildContent(ctx, r);
  const { json, hash } = seal(content);
  const now = ctx.clock.now();
  await claimStep('report', r._id, r.seq + 1, 'publish', user, now, { hash });
  await ReportModel.updateOne(
    { _id: r._id, seq: r.seq },
    { $set: { status: 'published', publishedBy: oid(user.id), publishedAt: now, snapshotJson: json, hash, reviewBatchId: content.review ? oid(content.review.batchId as string) : null, seq: r.seq + 1 } },
  );
  if (content.review) await batches.freeze(oid(content.review.batchId as string), r._id);
  ctx.logger.info({ reportId: id, period: r.periodKey, hash }, 'evaluation report published');
  return (await load(id))!;
}

/** A correction: a new draft of the same period that supersedes the published report. */
export async function correct(ctx: AppContext, user: AuthUser, id: string) {
  const r = await visibleReport(user, id);
  if (r.status !== 'published') throw conflict('REPORT_INVALID_STATE', 'Only a published report is corrected; edit the draft instead', { status: r.status });
  const existing = await ReportModel.findOne({ supersedes: r._id }, { _id: 1 }).lean<Raw>();
  if (existing) throw conflict('REPORT_ALREADY_CORRECTED', 'This report already has a correction; correct that one', { correctionId: String(existing._id) });
  await claimStep('report', r._id, r.seq + 1, 'correct', user, ctx.clock.now());
  await ReportModel.updateOne({ _id: r._id, seq: r.seq }, { $set: { seq: r.seq + 1 } });
  return createReport(ctx, user, { period: r.periodKey, title: r.title, reviewBatchId: r.reviewBatchId ? String(r.reviewBatchId) : undefined, config: r.config }, r);
}

export async function historyOf(id: Types.ObjectId) {
  return stepsOf('report', id);
}
