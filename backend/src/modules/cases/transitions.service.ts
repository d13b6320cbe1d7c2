import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { CaseAction, TransitionBody } from '../../contracts';
import type { AppContext } from '../../core/context';
import { conflict, forbidden, isDuplicateKey, notFound, unprocessable } from '../../core/errors';
import type { AuthUser } from '../auth';
import { geography } from './geography.port';
import { UserModel } from '../users';
import { limitsFor, penaltyDecisionDue, stageDueAt } from './case-deadlines';
import { effectsOf, type CaseSnapshot, type Resolved } from './case-effects.workflow';
import { can, nextTierUp, rolesFor } from './case.workflow';
import { actionsFor, assertCaseRole, canSeeCase, relationOf } from './cases.policy';
import { appendEvent, applyPatch, catchUp, findCase, type CaseRecord } from './cases.repository';
import { factsOf, snapshotOf } from './case-facts';

type Body = TransitionBody;

/** Loads a case the caller may see (404 otherwise: no existence leak), up to date with its events. */
export async function loadVisibleCase(user: AuthUser, id: string): Promise<CaseRecord> {
  assertCaseRole(user);
  const kase = await findCase(id);
  if (!kase || !canSeeCase(user, kase as never)) throw notFound('case', id);
  return catchUp(kase);
}

async function activeUser(id: string) {
  if (!Types.ObjectId.isValid(id)) return null;
  return UserModel.findById(id).lean<{ _id: Types.ObjectId; role: string; teamId: Types.ObjectId | null; gridIds: Types.ObjectId[]; disabled: boolean; displayName: string }>();
}

async function teamLeaderOf(teamId: unknown): Promise<string | null> {
  if (!teamId) return null;
  const leader = await UserModel.findOne({ role: 'team_leader', teamId, disabled: false }, { _id: 1 }).lean<{ _id: Types.ObjectId }>();
  return leader ? String(leader._id) : null;
}

async function gridInspectorOf(gridId: unknown): Promise<string | null> {
  if (!gridId) return null;
  const u = await UserModel.findOne({ role: 'inspector', gridIds: gridId, disabled: false }, { _id: 1 }).lean<{ _id: Types.ObjectId }>();
  return u ? String(u._id) : null;
}

/** Lookups an action needs (targets, holders) before the pure effects are computed. */
async function resolveTargets(ctx: AppContext, user: AuthUser, kase: CaseRecord, body: Body): Promise<Resolved> {
  switch (body.action) {
    case 'dispatch':
    case 'de_escalate': {
      const tier = body.tier ?? kase.tier;
      const teamId = body.action === 'dispatch' && body.teamId ? body.teamId : kase.teamId ? String(kase.teamId) : null;
      if (user.role === 'team_leader' && (tier === 'bureau' || teamId !== user.teamId)) {
        throw forbidden('A team leader dispatches within the team only');
      }
      let holderId: string | null = body.holderId ?? null;
      if (holderId) {
        const h = await activeUser(holderId);
        if (!h || h.disabled) throw unprocessable('INVALID_HOLDER', 'The holder does not exist or is disabled');
        const roleOk = tier === 'grid' ? h.role === 'inspector' : tier === 'team' ? ['team_leader', 'inspector'].includes(h.role) : ['dispatcher', 'bureau_chief'].includes(h.role);
        if (!roleOk) throw unprocessable('INVALID_HOLDER', `A ${h.role} cannot hold a ${tier}-tier case`);
        const inTeam = String(h.teamId) === teamId || (kase.gridId && h.gridIds.some((g) => g.equals(kase.gridId)));
        if (tier !== 'bureau' && user.role === 'team_leader' && !inTeam) throw forbidden('The holder is not in your team');
      } else if (tier === 'grid') holderId = await gridInspectorOf(kase.gridId);
      else if (tier === 'team') holderId = await teamLeaderOf(teamId);
      if (tier !== 'bureau' && !holderId) throw unprocessable('NO_HOLDER', `Nobody can hold this case at ${tier} tier; name a holder`);
      return { tier, holderId, teamId };
    }
    case 'escalate': {
      const up = nextTierUp(kase.tier);
      return { tier: up, holderId: up === 'team' ? await teamLeaderOf(kase.teamId) : null };
    }
    case 'merge': {
      if (body.targetCaseId === String(kase._id)) throw unprocessable('INVALID_MERGE', 'A case cannot be merged into itself');
      const target = await findCase(body.targetCaseId);
      if (!target || !canSeeCase(user, target as never)) throw notFound('case', body.targetCaseId);
      if (['closed', 'rejected', 'merged'].includes(target.status)) {
        throw unprocessable('INVALID_MERGE', 'The surviving case must be open');
      }
      return { mergeTarget: { id: String(target._id), caseNo: target.caseNo } };
    }
    case 'refer':
      return { referralId: randomBytes(8).toString('hex') };
    case 'refer_ack':
      if (!kase.referrals.some((r: { id: string; agencyId: string }) => r.id === body.referralId && r.agencyId === user.agencyId)) {
        throw notFound('referral', body.referralId);
      }
      return {};
    case 'penalty_decide': {
      const major = kase.tier === 'bureau' || body.amountYuan >= ctx.config.PENALTY_MAJOR_AMOUNT_YUAN;
      if (major && user.role !== 'bureau_chief') throw forbidden('A major penalty decision is the bureau chief’s');
      if (major && kase.penalty?.legalReview !== 'approved') {
        throw conflict('LEGAL_REVIEW_REQUIRED', 'A major decision needs an approved legal review (法制审核) first');
      }
      return { major };
    }
    default:
      return {};
  }
}

/**
 * Applies one action: scope (404) → role (403) → state and business rules (409 with the actions
 * allowed now) → append the event with seq+1 (the unique key picks one winner among concurrent
 * transitions; losers get 409) → write the projection.
 */
export async function transitionCase(ctx: AppContext, user: AuthUser, id: string, body: Body): Promise<CaseRecord> {
  const kase = await loadVisibleCase(user, id);
  if (!rolesFor(body.action).includes(user.role)) throw forbidden(`Role ${user.role} may not ${body.action}`);
  const category = await geography().getCategory(kase.categoryCode);
  const facts = factsOf(kase, category?.penaltyCapable ?? false);
  if (!can(body.action, facts, relationOf(user, kase as never))) {
    throw conflict('CASE_INVALID_TRANSITION', `Cannot ${body.action} a case that is ${kase.status} now`, {
      status: kase.status,
      allowed: actionsFor(user, kase as never, facts),
    });
  }
  const resolved = await resolveTargets(ctx, user, kase, body);
  const now = ctx.clock.now();
  const limits = limitsFor(category ?? { deadlines: { file: 24, dispatch: 24, handle: 72, verify: 24 } }, kase.urgent);
  const snap: CaseSnapshot = snapshotOf(kase);
  const fx = effectsOf(snap, body, user.id, now, limits, stageDueAt, resolved, penaltyDecisionDue);
  if (fx.patch.status === 'filed' && category?.penaltyCapable && !kase.penalty) {
    fx.patch.penalty = { ...initialPenalty(kase, now), steps: [] };
  }
  const seq = kase.seq + 1;
  const photoIds = 'photoIds' in body && body.photoIds ? body.photoIds : [];
  try {
    await appendEvent({
      caseId: kase._id,
      seq,
      action: body.action,
      from: kase.status,
      to: fx.to,
      actorId: user.id,
      actorRole: user.role,
      actorName: user.displayName,
      at: now,
      note: 'note' in body && body.note ? body.note : null,
      data: fx.data,
      patch: fx.patch,
      attachments: photoIds,
    }, { before: kase });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const fresh = await loadVisibleCase(user, id);
    throw conflict('CASE_CONFLICT', 'The case was changed by someone else at the same time; reload and retry', {
      status: fresh.status,
      allowed: actionsFor(user, fresh as never, factsOf(fresh, category?.penaltyCapable ?? false)),
    });
  }
  await applyPatch(kase._id, seq, fx.patch, now);
  if (body.action === 'merge' && resolved.mergeTarget) await recordMergedIn(ctx, user, kase, resolved.mergeTarget.id, now);
  req_log(ctx, kase, body.action, fx.to);
  return (await findCase(id))!;
}

function req_log(ctx: AppContext, kase: CaseRecord, action: CaseAction, to: string) {
  ctx.logger.info({ caseId: String(kase._id), caseNo: kase.caseNo, action, from: kase.status, to }, 'case transition');
}

/** The penalty procedure opens at filing, with the 90-day decision clock (行政处罚法 第六十条). */
function initialPenalty(kase: CaseRecord, now: Date) {
  return {
    steps: [],
    major: kase.tier === 'bureau',
    legalReview: 'none',
    hearing: null,
    decision: null,
    decisionDueAt: penaltyDecisionDue(now, { pauses: [], extensions: [] }),
    extensionDays: 0,
    extensions: [],
    pauses: [],
  };
}

/** The merged report joins the surviving case's timeline (retried on a concurrent change there). */
async function recordMergedIn(ctx: AppContext, user: AuthUser, merged: CaseRecord, targetId: string, now: Date) {
  for (let attempt = 0; attempt < 10; attempt++) {
    const target = await catchUp((await findCase(targetId))!);
    try {
      await appendEvent({
        caseId: target._id,
        seq: target.seq + 1,
        action: 'merged_in',
        from: target.status,
        to: target.status,
        actorId: user.id,
        actorRole: user.role,
        actorName: user.displayName,
        at: now,
        note: null,
        data: { caseId: String(merged._id), caseNo: merged.caseNo, description: merged.description, reporterId: merged.reporterId ? String(merged.reporterId) : null },
        patch: { photoIds: [...(target.photoIds ?? []), ...(merged.photoIds ?? [])] },
        attachments: (merged.photoIds ?? []).map(String),
      }, { before: target });
      await applyPatch(target._id, target.seq + 1, { photoIds: [...(target.photoIds ?? []), ...(merged.photoIds ?? [])] }, now);
      return;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  ctx.logger.error({ targetId }, 'could not record merged report on the surviving case');
}
