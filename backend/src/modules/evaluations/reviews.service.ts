import { randomInt } from 'node:crypto';
import { Types } from 'mongoose';
import type { AppContext } from '../../core/context';
import { conflict, isDuplicateKey, notFound, unprocessable } from '../../core/errors';
import type { AuthUser } from '../auth';
import { eventsOf, findCase } from '../cases';
import { DEFAULT_CONFIG } from './evaluation.workflow';
import type { z } from 'zod';
import type { CreateReviewBody, RubricBody, ScoreBody } from './evaluations.schemas';
import { NONE } from './indicator-tally.workflow';
import { foldCases } from './indicators.service';
import { parsePeriod } from './period.workflow';
import { precheck } from './precheck.workflow';
import { batches, insertRubric, items, rectifications, rubricVersion, rubricVersions } from './reviews.repository';
import { rubricProblems, scoreFile, scoreProblems, type Rubric } from './rubric.workflow';
import { sampleByTeam } from './sampling.workflow';
import { sha256Hex } from './snapshot.workflow';

/**
 * Case-file review (案卷评查): a reproducible sample of the period's closed cases per team, the
 * automatic pre-checks, scoring against the stored rubric version, and findings → rectification
 * items (整改) for the team.
 */
export async function listRubrics(ctx: AppContext) {
  return rubricVersions(ctx.clock.now());
}

/** A rubric change is a new version; two concurrent changes cannot both become version n + 1. */
export async function createRubric(ctx: AppContext, user: AuthUser, body: z.infer<typeof RubricBody>) {
  const rubric: Rubric = body;
  const problems = rubricProblems(rubric);
  if (problems.length) throw unprocessable('INVALID_RUBRIC', problems.join('; '), { problems });
  const latest = (await rubricVersions(ctx.clock.now()))[0]!;
  try {
    return await insertRubric(latest.version + 1, rubric, user.id, ctx.clock.now());
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict('RUBRIC_CONFLICT', 'Another rubric version was saved at the same time; reload and retry');
    throw err;
  }
}

/** Closed cases of the period per team (the team the case was closed under), sorted by id. */
export async function closedByTeam(ctx: AppContext, periodKey: string): Promise<Map<string, string[]>> {
  const period = parsePeriod(periodKey)!;
  const byTeam = new Map<string, string[]>();
  await foldCases(period, { config: DEFAULT_CONFIG, now: ctx.clock.now() }, (kase, contribution) => {
    for (const u of contribution.units) {
      if (u.ind !== 'onTimeClosureRate' || u.target.kind !== 'org') continue;
      const team = u.target.team ?? NONE;
      byTeam.set(team, [...(byTeam.get(team) ?? []), kase.id]);
    }
  });
  for (const ids of byTeam.values()) ids.sort();
  return byTeam;
}

export async function createBatch(ctx: AppContext, user: AuthUser, body: z.infer<typeof CreateReviewBody>) {
  const now = ctx.clock.now();
  const rubric = (await rubricVersions(now))[0]!;
  const seed = body.seed ?? randomInt(0, 2 ** 32 - 1);
  const populations = await closedByTeam(ctx, body.period);
  const samples = sampleByTeam(populations, body.sizePerTeam, seed);
  const batch = await batches.insert({
    periodKey: body.period,
    seed,
    sizePerTeam: body.sizePerTeam,
    rubricVersion: rubric.version,
    // The population's size and hash let anyone check a re-drawn sample against this one.
    teams: [...samples].map(([team, sample]) => ({
      team,
      population: populations.get(team)!.length,
      populationSha256: sha256Hex(populations.get(team)!.join('\n')),
      sampled: sample,
    })),
    createdBy: new Types.ObjectId(user.id),
    createdAt: now,
  });
  const docs = [];
  for (const [team, sample] of samples) {
    for (const [order, caseId] of sample.entries()) {
      const kase = await findCase(caseId);
      if (!kase) continue;
      const events = await eventsOf(kase._id);
      docs.push({
        batchId: batch._id,
        caseId: kase._id,
        caseNo: kase.caseNo,
        team,
        gridId: kase.gridId ? String(kase.gridId) : null,
        domain: kase.domain,
        categoryCode: kase.categoryCode,
        agencies: (kase.agencyIds ?? []).map(String),
        prechecks: precheck({ filedAt: kase.filedAt ?? null, photoIds: kase.photoIds ?? [], penalty: kase.penalty ?? null }, events),
        status: 'pending',
        order,
      });
    }
  }
  if (docs.length) await items.insertMany(docs);
  ctx.logger.info({ batchId: String(batch._id), period: body.period, seed, files: docs.length }, 'case-file review sample drawn');
  return getBatch(String(batch._id));
}

export async function getBatch(id: string) {
  const batch = await batches.byId(id);
  if (!batch) throw notFound('review sample', id);
  return { batch, items: await items.ofBatch(batch._id), rectifications: await rectifications.ofBatch(batch._id) };
}

export async function listBatches(periodKey?: string) {
  return batches.list(periodKey);
}

/** Scores one file; findings become the team's rectification items (once each). */
export async function scoreItem(ctx: AppContext, user: AuthUser, itemId: string, body: ScoreBody) {
  const item = await items.byId(itemId);
  if (!item) throw notFound('review item', itemId);
  const batch = (await batches.byId(String(item.batchId)))!;
  if (batch.frozenBy) throw conflict('REVIEW_FROZEN', 'The sample belongs to a published report; its scores are frozen');
  const { rubric } = (await rubricVersion(batch.rubricVersion))!;
  const sheet = { veto: body.veto, form: body.form, content: body.content };
  const problems = [...scoreProblems(rubric, sheet)];
  const codes = new Set([...rubric.veto, ...rubric.form, ...rubric.content].map((i) => i.code));
  body.findings.forEach((f, i) => {
    if (f.item && !codes.has(f.item)) problems.push({ path: `findings.${i}.item`, message: 'not an item of this rubric' });
  });
  if (problems.length) throw unprocessable('INVALID_SCORE_SHEET', 'The score sheet does not fit the rubric', { problems });
  const now = ctx.clock.now();
  const score = scoreFile(rubric, sheet);
  await items.setScore(item._id, { status: 'scored', sheet, score, findings: body.findings, note: body.note ?? null, reviewerId: new Types.ObjectId(user.id), scoredAt: now });
  for (const f of body.findings) {
    await rectifications.insertOnce({
      key: `${String(item._id)}:${sha256Hex(`${f.item ?? ''}\n${f.text}`).slice(0, 24)}`,
      batchId: batch._id,
      itemId: item._id,
      caseId: item.caseId,
      caseNo: item.caseNo,
      team: item.team,
      rubricItem: f.item ?? null,
      text: f.text,
      status: 'open',
      seq: 0,
      createdBy: new Types.ObjectId(user.id),
      createdAt: now,
    });
  }
  return (await items.byId(itemId))!;
}
