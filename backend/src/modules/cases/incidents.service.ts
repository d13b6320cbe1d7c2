import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import type { CaseSource, CreateIncidentBody } from '../../contracts';
import type { AppContext } from '../../core/context';
import { badRequest, forbidden, isDuplicateKey, unprocessable, validationFailed } from '../../core/errors';
import type { AuthUser } from '../auth';
import { geography } from './geography.port';
import { castForInsert } from '../../core/insert-batcher';
import { caseInserts, CaseModel, IdempotencyKeyModel, idempotencyKeyInserts } from './case.model';
import { caseChanged } from './case-changes';
import { allocateCaseNo } from './case-number';
import { limitsFor, stageDueAt } from './case-deadlines';
import { stageFor } from './case-effects.workflow';
import { findPossibleDuplicates } from './duplicates';
import { appendEvent, findCase, type CaseRecord } from './cases.repository';
import { timelineHooks } from './timeline-hooks.port';

/** Who may report through which channel (上报): patrol by the grid, phone lines by the bureau. */
const SOURCES_BY_ROLE: Record<string, CaseSource[]> = {
  inspector: ['patrol'],
  team_leader: ['patrol', 'hotline', 'citizen'],
  dispatcher: ['hotline', 'citizen', 'agency_referral', 'patrol'],
  bureau_chief: ['hotline', 'citizen', 'agency_referral', 'patrol'],
  agency_liaison: ['agency_referral'],
};

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_:.-]{8,128}$/;

export interface ReportResult {
  kase: CaseRecord;
  replayed: boolean;
}

/** Reporter identity for reports from outside (Open311 clients) rather than a signed-in user. */
export interface Reporter {
  id: string | null;
  role: string | null;
  name: string | null;
  /** Namespace of idempotency keys (the user id, or the Open311 client). */
  keySpace: string;
}

export function reporterOf(user: AuthUser): Reporter {
  return { id: user.id, role: user.role, name: user.displayName, keySpace: user.id };
}

export function assertMayReport(user: AuthUser, source: CaseSource): void {
  const allowed = SOURCES_BY_ROLE[user.role];
  if (!allowed) throw forbidden(`Role ${user.role} may not report incidents`);
  if (!allowed.includes(source)) throw forbidden(`Role ${user.role} may not report with source ${source}`);
}

/**
 * Creates a reported case, routed on creation, exactly once per Idempotency-Key: the key's
 * document is inserted first (its unique _id decides between concurrent retries), then the first
 * timeline event (unique caseId+seq), then the case; a retry that finds the key returns that case,
 * finishing its creation if the first attempt died half-way.
 */
export async function reportIncident(
  ctx: AppContext,
  reporter: Reporter,
  body: CreateIncidentBody & { source: CaseSource },
  idempotencyKey: string | undefined,
): Promise<ReportResult> {
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw badRequest('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 8–128 characters of [A-Za-z0-9_:.-]');
  }
  const requestHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  if (!idempotencyKey) return { kase: await createCase(ctx, reporter, body, new Types.ObjectId()), replayed: false };

  const keyId = `${reporter.keySpace}:${idempotencyKey}`;
  const caseId = new Types.ObjectId();
  const now = ctx.clock.now();
  // The key decides between concurrent retries; the timeline journal's write-ahead entry for the
  // new case's first event goes out with it (one round trip instead of two). The entry is keyed by
  // this request's own case id, so a request that loses the key withdraws it and nobody else can
  // have used it.
  const [key, journal] = await Promise.allSettled([
    castForInsert(IdempotencyKeyModel, { _id: keyId, caseId, requestHash, createdAt: now }).then((doc) => idempotencyKeyInserts.insert(doc)),
    timelineHooks.beforeAppend(String(caseId), 1, now),
  ]);
  if (key.status === 'rejected') {
    if (journal.status === 'fulfilled') await timelineHooks.withdraw(String(caseId), 1);
    const err = key.reason;
    if (!isDuplicateKey(err)) throw err;
    const existing = await IdempotencyKeyModel.findById(keyId).lean<{ caseId: Types.ObjectId; requestHash: string }>();
    if (!existing) throw err;
    if (existing.requestHash !== requestHash) {
      throw unprocessable('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request');
    }
    return { kase: await awaitOrFinish(ctx, reporter, body, existing.caseId), replayed: true };
  }
  // The key is ours: a retry finds it and finishes the case (awaitOrFinish), journaling again.
  if (journal.status === 'rejected') throw journal.reason;
  return { kase: await createCase(ctx, reporter, body, caseId, { now, journaled: true }), replayed: false };
}

/** A concurrent first attempt is probably still writing: wait for it, else finish the job. */
async function awaitOrFinish(ctx: AppContext, reporter: Reporter, body: CreateIncidentBody & { source: CaseSource }, caseId: Types.ObjectId) {
  for (let i = 0; i < 30; i++) {
    const kase = await findCase(String(caseId));
    if (kase) return kase;
    await new Promise((r) => setTimeout(r, 100));
  }
  return createCase(ctx, reporter, body, caseId);
}

async function createCase(
  ctx: AppContext,
  reporter: Reporter,
  body: CreateIncidentBody & { source: CaseSource },
  caseId: Types.ObjectId,
  opts: { now?: Date; journaled?: boolean } = {},
): Promise<CaseRecord> {
  const category = await geography().getCategory(body.category);
  if (!category || category.active === false) {
    throw validationFailed([{ in: 'body', path: 'category', code: 'unknown_category', message: `Unknown category ${body.category}` }]);
  }
  const coords = body.location.coordinates;
  const routed = await geography().routeIncident([coords[0], coords[1]], category.code);
  const now = opts.now ?? ctx.clock.now();
  const limits = limitsFor(category, body.urgent);
  const stage = stageFor('reported', limits, now, stageDueAt);
  const duplicates = await findPossibleDuplicates(ctx, category.code, coords, now, caseId);
  const caseNo = await allocateCaseNo(ctx.config.CASE_NO_PREFIX, now, caseId);

  const doc = {
    _id: caseId,
    caseNo,
    status: 'reported' as const,
    tier: routed.tier,
    source: body.source,
    urgent: body.urgent,
    categoryCode: category.code,
    domain: category.domain,
    description: body.description,
    address: body.address ?? null,
    reporterContact: body.reporterContact ?? null,
    location: { type: 'Point' as const, coordinates: [coords[0], coords[1]] },
    outside: routed.outside,
    geometryVersion: routed.geometryVersion ?? null,
    gridId: routed.gridId ? new Types.ObjectId(routed.gridId) : null,
    zoneId: routed.zoneId ? new Types.ObjectId(routed.zoneId) : null,
    teamId: routed.teamId ? new Types.ObjectId(routed.teamId) : null,
    holderId: routed.holderId ? new Types.ObjectId(routed.holderId) : null,
    reporterId: reporter.id ? new Types.ObjectId(reporter.id) : null,
    labels: { gridCode: routed.gridCode ?? null, reporterName: reporter.name },
    seq: 1,
    stage,
    possibleDuplicates: duplicates,
    penalty: null,
    pauses: [],
    referrals: [],
    agencyIds: [],
    reportedAt: now,
    createdAt: now,
    updatedAt: now,
  };
  let firstEvent: Record<string, unknown> | null = null;
  try {
    ({ event: firstEvent } = await appendEvent({
      caseId,
      seq: 1,
      action: 'report',
      from: null,
      to: 'reported',
      actorId: reporter.id,
      actorRole: reporter.role,
      actorName: reporter.name,
      at: now,
      note: null,
      data: {
        caseNo,
        source: body.source,
        category: category.code,
        location: [coords[0], coords[1]],
        tier: routed.tier,
        gridId: routed.gridId,
        teamId: routed.teamId,
        holderId: routed.holderId,
        outside: routed.outside,
        possibleDuplicates: duplicates.map((d) => d.caseNo),
      },
      patch: {},
      attachments: [],
    }, { journaled: opts.journaled }));
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    // Another attempt for the same idempotency key got here first: it owns the case.
    const other = await awaitExisting(caseId);
    if (other) return other;
  }
  let created: CaseRecord;
  try {
    // The document as stored (defaults applied), without reading it back; inserted with other
    // reports' cases in one batch, so the case index is told here rather than by a save hook.
    const stored = await castForInsert(CaseModel, doc);
    await caseInserts.insert(stored);
    caseChanged({ kind: 'doc', doc: stored });
    created = stored as CaseRecord;
    // Completes the journal entry off the response path: until it lands (or if this process stops
    // first) evaluation readers take the new case from its timeline, so nothing waits for it.
    void timelineHooks.caseCreated(created, firstEvent);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const other = await findCase(String(caseId));
    if (other) return other;
    throw err;
  }
  ctx.logger.info({ caseId: String(caseId), caseNo, tier: routed.tier, outside: routed.outside }, 'incident reported');
  return created;
}

async function awaitExisting(caseId: Types.ObjectId): Promise<CaseRecord | null> {
  for (let i = 0; i < 30; i++) {
    const kase = await findCase(String(caseId));
    if (kase) return kase;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}
