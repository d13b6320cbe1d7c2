import type { CaseStatus, Tier, TransitionBody } from '../../contracts';
import { nextStatus, nextTierUp, stageOf } from './case.workflow';

/** Stage deadlines of a category, in hours. */
export interface StageLimits {
  file: number;
  dispatch: number;
  handle: number;
  verify: number;
}

export interface StageState {
  name: string | null;
  startedAt: Date | null;
  dueAt: Date | null;
  limitHours: number | null;
  /** Approved postponements (延期), in hours. */
  extensions: { amount: number; unit: 'hours'; approvedBy: string; approvedAt: Date }[];
  /** Suspensions (缓办/挂账): time that does not count; an open one stops the clock. */
  pauses: { start: Date; end: Date | null; reason: string }[];
}

export interface PenaltyState {
  steps: string[];
  major: boolean;
  legalReview: 'none' | 'approved' | 'rejected';
  hearing: { offered: boolean; requested: boolean; heldAt: string | null } | null;
  decision: { type: string; amountYuan: number; legalBasis: string; at: Date; withinLimit: boolean } | null;
  decisionDueAt: Date | null;
  extensionDays: number;
  /** Approved extensions of the 90-day decision limit. */
  extensions: { amount: number; unit: 'calendarDays'; approvedBy: string; approvedAt: Date }[];
  /** Hearing, appraisal… intervals excluded from the decision limit. */
  pauses: { start: Date; end: Date | null; reason: string }[];
}

/** What the effects need to know of the case (a projection snapshot). */
export interface CaseSnapshot {
  status: CaseStatus;
  tier: Tier;
  urgent: boolean;
  stage: StageState;
  penalty: PenaltyState | null;
  pending: { kind: 'postpone' | 'suspend'; hours?: number; requestedBy: string; at: Date } | null;
  suspended: boolean;
  pauses: { start: Date; end: Date | null; reason: string }[];
  referrals: { id: string; agencyId: string; kind: string; at: Date; by: string; acknowledgedAt: Date | null }[];
  agencyIds: string[];
  counters: { returns: number; reworks: number; escalations: number; verifications: number };
  everOverdue: boolean;
  filedAt: Date | null;
}

/** Facts resolved by the service before the pure step (lookups it had to make). */
export interface Resolved {
  holderId?: string | null;
  tier?: Tier;
  teamId?: string | null;
  mergeTarget?: { id: string; caseNo: string };
  referralId?: string;
  major?: boolean;
}

export interface Effects {
  to: CaseStatus;
  /** Top-level fields to $set on the case projection. */
  patch: Record<string, unknown>;
  /** Extra data recorded on the event. */
  data: Record<string, unknown>;
}

/** Computes a stage's due time through the clock engine (null while the clock is stopped). */
export type DueAtFn = (stage: StageState) => Date | null;
/** Computes the penalty decision limit through the clock engine. */
export type DecisionDueFn = (filedAt: Date, p: PenaltyState) => Date | null;

/** Starts the deadline clock for the stage a status belongs to (or stops it for terminal states). */
export function stageFor(status: CaseStatus, limits: StageLimits, now: Date, dueAtOf: DueAtFn): StageState {
  const name = stageOf(status);
  if (!name) return { name: null, startedAt: null, dueAt: null, limitHours: null, extensions: [], pauses: [] };
  const base: StageState = { name, startedAt: now, dueAt: null, limitHours: limits[name], extensions: [], pauses: [] };
  return { ...base, dueAt: dueAtOf(base) };
}

/**
 * The projection change an action makes (pure). Status changes restart the stage clock when the
 * stage changes; a stage left after its due time marks the case as having been overdue (超期).
 */
export function effectsOf(
  s: CaseSnapshot,
  body: TransitionBody,
  actorId: string,
  now: Date,
  limits: StageLimits,
  dueAtOf: DueAtFn,
  resolved: Resolved,
  decisionDueOf: DecisionDueFn,
): Effects {
  const to = nextStatus(body.action, s.status);
  const patch: Record<string, unknown> = { status: to };
  const data: Record<string, unknown> = {};
  const counters = { ...s.counters };
  let tier = s.tier;

  switch (body.action) {
    case 'file':
      patch.filedAt = now;
      if (body.urgent !== undefined) patch.urgent = body.urgent;
      break;
    case 'merge':
      patch.mergedInto = resolved.mergeTarget;
      data.targetCaseId = resolved.mergeTarget?.id;
      data.targetCaseNo = resolved.mergeTarget?.caseNo;
      break;
    case 'dispatch':
    case 'de_escalate':
      tier = resolved.tier ?? s.tier;
      patch.tier = tier;
      patch.holderId = resolved.holderId ?? null;
      if (resolved.teamId !== undefined) patch.teamId = resolved.teamId;
      patch.dispatchedAt = now;
      data.tier = tier;
      data.holderId = resolved.holderId ?? null;
      break;
    case 'accept':
      patch.acceptedAt = now;
      break;
    case 'return':
      counters.returns += 1;
      patch.holderId = null;
      break;
    case 'handle_on_spot':
      Object.assign(patch, { filedAt: now, dispatchedAt: now, acceptedAt: now, resolvedAt: now, holderId: actorId, resolvedBy: actorId });
      break;
    case 'resolve':
      Object.assign(patch, { resolvedAt: now, resolvedBy: actorId });
      break;
    case 'verify':
      counters.verifications += 1;
      patch.closedAt = now;
      break;
    case 'rework':
      counters.verifications += 1;
      counters.reworks += 1;
      patch.resolvedBy = null;
      break;
    case 'escalate': {
      tier = nextTierUp(s.tier);
      counters.escalations += 1;
      patch.tier = tier;
      patch.holderId = resolved.holderId ?? null;
      data.fromTier = s.tier;
      data.toTier = tier;
      // Handling restarts at the new tier: the team leader receives it, the bureau re-dispatches it.
      if (s.status === 'dispatched' || s.status === 'in_progress') patch.status = tier === 'bureau' ? 'filed' : 'dispatched';
      break;
    }
    case 'postpone_request':
    case 'suspend_request':
      patch.pending = {
        kind: body.action === 'postpone_request' ? 'postpone' : 'suspend',
        ...(body.action === 'postpone_request' ? { hours: body.hours } : {}),
        requestedBy: actorId,
        at: now,
      };
      break;
    case 'postpone_approve': {
      const hours = s.pending?.hours ?? 0;
      const stage = { ...s.stage, extensions: [...s.stage.extensions, { amount: hours, unit: 'hours' as const, approvedBy: actorId, approvedAt: now }] };
      patch.stage = { ...stage, dueAt: dueAtOf(stage) };
      patch.pending = null;
      data.hours = hours;
      break;
    }
    case 'postpone_deny':
    case 'suspend_deny':
      patch.pending = null;
      break;
    case 'suspend_approve':
      patch.pending = null;
      patch.suspended = true;
      patch.stage = { ...s.stage, pauses: [...s.stage.pauses, { start: now, end: null, reason: 'suspension' }], dueAt: null };
      patch.pauses = [...s.pauses, { start: now, end: null, reason: 'suspension' }];
      break;
    case 'resume': {
      const open = s.stage.pauses.find((p) => p.end === null);
      const stage = { ...s.stage, pauses: s.stage.pauses.map((p) => (p.end === null ? { ...p, end: now } : p)) };
      patch.suspended = false;
      patch.stage = { ...stage, dueAt: dueAtOf(stage) };
      patch.pauses = s.pauses.map((p) => (p.end === null ? { ...p, end: now } : p));
      data.pausedMs = open ? now.getTime() - open.start.getTime() : 0;
      break;
    }
    case 'refer': {
      const id = resolved.referralId!;
      patch.referrals = [...s.referrals, { id, agencyId: body.agencyId, kind: body.kind, at: now, by: actorId, acknowledgedAt: null }];
      patch.agencyIds = s.agencyIds.includes(body.agencyId) ? s.agencyIds : [...s.agencyIds, body.agencyId];
      data.referralId = id;
      data.agencyId = body.agencyId;
      data.kind = body.kind;
      break;
    }
    case 'refer_ack':
      patch.referrals = s.referrals.map((r) => (r.id === body.referralId ? { ...r, acknowledgedAt: now } : r));
      data.referralId = body.referralId;
      break;
    case 'penalty_investigate':
    case 'penalty_notify':
    case 'penalty_hearing':
    case 'legal_review':
    case 'penalty_decide':
    case 'penalty_serve':
    case 'penalty_execute':
    case 'penalty_extend':
      patch.penalty = penaltyEffects(s.penalty ?? emptyPenalty(s), body, now, resolved, data, actorId, s.filedAt, decisionDueOf);
      break;
    default:
      break;
  }

  if (patch.status !== s.status && !('stage' in patch)) {
    const newStatus = patch.status as CaseStatus;
    const keepStage = stageOf(newStatus) === s.stage.name && body.action !== 'rework' && body.action !== 'escalate';
    if (!keepStage) {
      if (s.stage.dueAt && now > s.stage.dueAt) patch.everOverdue = true;
      data.leftStage = leftStage(s.stage, now);
      patch.stage = stageFor(newStatus, limits, now, dueAtOf);
    }
  } else if (body.action === 'escalate' && !('stage' in patch)) {
    data.leftStage = leftStage(s.stage, now);
    patch.stage = stageFor(patch.status as CaseStatus, limits, now, dueAtOf);
  }
  if (JSON.stringify(counters) !== JSON.stringify(s.counters)) patch.counters = counters;
  if (to !== patch.status) return { to: patch.status as CaseStatus, patch, data };
  return { to, patch, data };
}

/**
 * The stage a transition ends, recorded on its event so indicators (按时派遣/处置/结案) are computed
 * from facts fixed at the time, not recomputed later.
 */
function leftStage(stage: StageState, now: Date) {
  return {
    name: stage.name,
    startedAt: stage.startedAt,
    dueAt: stage.dueAt,
    onTime: stage.dueAt === null ? null : now.getTime() <= stage.dueAt.getTime(),
  };
}

export function emptyPenalty(s: Pick<CaseSnapshot, 'tier'>): PenaltyState {
  return { steps: [], major: s.tier === 'bureau', legalReview: 'none', hearing: null, decision: null, decisionDueAt: null, extensionDays: 0, extensions: [], pauses: [] };
}

function penaltyEffects(
  p: PenaltyState,
  body: TransitionBody,
  now: Date,
  resolved: Resolved,
  data: Record<string, unknown>,
  actorId: string,
  filedAt: Date | null,
  decisionDueOf: DecisionDueFn,
): PenaltyState {
  const steps = p.steps.includes(body.action) ? p.steps : [...p.steps, body.action];
  const next: PenaltyState = { ...p, steps };
  switch (body.action) {
    case 'penalty_notify':
      next.hearing = { offered: body.hearingOffered, requested: false, heldAt: null };
      data.hearingOffered = body.hearingOffered;
      break;
    case 'penalty_hearing': {
      // The hearing period does not count toward the 90-day limit (行政处罚法 第六十条 with 第六十四条):
      // it runs from the request until the hearing is held.
      next.hearing = { offered: p.hearing?.offered ?? true, requested: body.requested, heldAt: body.heldAt ?? null };
      const pauses = p.pauses ?? [];
      const open = pauses.some((x) => x.end === null);
      if (body.requested && !open && !body.heldAt) next.pauses = [...pauses, { start: now, end: null, reason: 'hearing' }];
      if (body.heldAt) {
        next.pauses = open ? pauses.map((x) => (x.end === null ? { ...x, end: now } : x)) : [...pauses, { start: now, end: now, reason: 'hearing' }];
      }
      if (filedAt) next.decisionDueAt = decisionDueOf(filedAt, next);
      data.requested = body.requested;
      break;
    }
    case 'legal_review':
      next.legalReview = body.approved ? 'approved' : 'rejected';
      data.approved = body.approved;
      break;
    case 'penalty_decide': {
      const withinLimit = p.decisionDueAt ? now <= p.decisionDueAt : true;
      next.major = resolved.major ?? p.major;
      next.decision = { type: body.decisionType, amountYuan: body.amountYuan, legalBasis: body.legalBasis, at: now, withinLimit };
      Object.assign(data, { decisionType: body.decisionType, amountYuan: body.amountYuan, legalBasis: body.legalBasis, withinLimit });
      break;
    }
    case 'penalty_extend':
      next.extensionDays = p.extensionDays + body.days;
      next.extensions = [...(p.extensions ?? []), { amount: body.days, unit: 'calendarDays', approvedBy: actorId, approvedAt: now }];
      if (filedAt) next.decisionDueAt = decisionDueOf(filedAt, next);
      data.days = body.days;
      break;
    default:
      break;
  }
  return next;
}
