import { Types } from 'mongoose';
import type { Tier } from '../../backend/src/contracts';
import { appendEvent, CaseModel } from '../../backend/src/modules/cases';
import { GridCellModel, TeamModel } from '../../backend/src/modules/org';
import { uniq } from './factories';

/**
 * Evaluation fixtures: cases inserted straight into the database with their whole timeline at
 * chosen instants, as hash-chained events through the cases module's `appendEvent`. The stage rules
 * are the cases module's (case-effects.workflow): a status change that changes the deadline stage —
 * or a rework or escalation — ends the stage and records `data.leftStage = { name, startedAt,
 * dueAt, onTime }`; due = start + limit hours + approved postponements + closed suspensions.
 */
export interface Actor {
  _id: Types.ObjectId | string;
  role: string;
}

export type Step = [action: string, at: string, actor: Actor, extra?: StepExtra];
export interface StepExtra {
  teamId?: string | Types.ObjectId;
  tier?: Tier;
  hours?: number;
  agencyId?: string;
  approved?: boolean;
  decision?: { major: boolean; withinLimit: boolean; legalBasis: string; amountYuan?: number };
  attachments?: string[];
}

export interface CaseSpec {
  caseNo?: string;
  teamId: string | Types.ObjectId | null;
  gridId: string | Types.ObjectId | null;
  source?: string;
  categoryCode?: string;
  domain?: string;
  tier?: Tier;
  /** Stage limits in hours (file, dispatch, handle, verify). */
  limits?: { file: number; dispatch: number; handle: number; verify: number };
  photoIds?: string[];
  steps: Step[];
}

export const LIMITS = { file: 24, dispatch: 4, handle: 48, verify: 24 };

const STATUS_OF: Record<string, string> = {
  report: 'reported', file: 'filed', reject: 'rejected', merge: 'merged', dispatch: 'dispatched', de_escalate: 'dispatched',
  accept: 'in_progress', return: 'filed', handle_on_spot: 'resolved', resolve: 'resolved', verify: 'closed', rework: 'in_progress',
};
const STAGE_OF: Record<string, string | null> = { reported: 'file', filed: 'dispatch', dispatched: 'handle', in_progress: 'handle', resolved: 'verify', closed: null, rejected: null, merged: null };
const H = 3_600_000;

interface Stage { name: string | null; startedAt: Date | null; limitHours: number | null; extHours: number; pauses: { start: Date; end: Date | null }[] }

function dueOf(s: Stage): Date | null {
  if (!s.startedAt || s.limitHours === null) return null;
  if (s.pauses.some((p) => p.end === null)) return null;
  const paused = s.pauses.reduce((sum, p) => sum + (p.end!.getTime() - p.start.getTime()), 0);
  return new Date(s.startedAt.getTime() + (s.limitHours + s.extHours) * H + paused);
}

const stageDoc = (s: Stage) => ({ name: s.name, startedAt: s.startedAt, dueAt: dueOf(s), limitHours: s.limitHours, extensions: s.extHours ? [{ amount: s.extHours, unit: 'hours' }] : [], pauses: s.pauses });

/** Inserts one case and its timeline; returns its id and number. */
export async function insertCaseWithTimeline(spec: CaseSpec): Promise<{ id: string; caseNo: string }> {
  const caseId = new Types.ObjectId();
  const limits = spec.limits ?? LIMITS;
  const oid = (v: unknown) => (v ? new Types.ObjectId(String(v)) : null);
  let status = 'reported';
  let tier: Tier = spec.tier ?? 'team';
  let teamId = oid(spec.teamId);
  let stage: Stage = { name: null, startedAt: null, limitHours: null, extHours: 0, pauses: [] };
  let everOverdue = false;
  let penalty: Record<string, any> | null = null;
  let agencyIds: Types.ObjectId[] = [];
  const times: Record<string, Date | null> = { reportedAt: null, filedAt: null, dispatchedAt: null, acceptedAt: null, resolvedAt: null, closedAt: null };
  const counters = { returns: 0, reworks: 0, escalations: 0, verifications: 0 };
  const caseNo = spec.caseNo ?? uniq('EV-');
  let seq = 0;
  for (const [action, iso, actor, extra = {}] of spec.steps) {
    const at = new Date(iso);
    const from = seq === 0 ? null : status;
    const data: Record<string, unknown> = {};
    const patch: Record<string, unknown> = {};
    let to = STATUS_OF[action] ?? status;
    if (action === 'report') {
      times.reportedAt = at;
      data.teamId = teamId ? String(teamId) : null;
      stage = { name: 'file', startedAt: at, limitHours: limits.file, extHours: 0, pauses: [] };
    }
    if (action === 'file') times.filedAt = at;
    if (action === 'dispatch' || action === 'de_escalate') {
      teamId = extra.teamId ? oid(extra.teamId) : teamId;
      tier = extra.tier ?? tier;
      Object.assign(patch, { teamId: teamId ? String(teamId) : null, tier });
      times.dispatchedAt = at;
    }
    if (action === 'accept') times.acceptedAt = at;
    if (action === 'return') counters.returns += 1;
    if (action === 'handle_on_spot') Object.assign(times, { filedAt: at, dispatchedAt: at, acceptedAt: at, resolvedAt: at });
    if (action === 'resolve') times.resolvedAt = at;
    if (action === 'verify') (counters.verifications += 1), (times.closedAt = at);
    if (action === 'rework') (counters.verifications += 1), (counters.reworks += 1);
    if (action === 'escalate') {
      counters.escalations += 1;
      tier = tier === 'grid' ? 'team' : 'bureau';
      patch.tier = tier;
      if (status === 'dispatched' || status === 'in_progress') to = tier === 'bureau' ? 'filed' : 'dispatched';
    }
    if (action === 'postpone_approve') stage = { ...stage, extHours: stage.extHours + (extra.hours ?? 0) };
    if (action === 'suspend_approve') stage = { ...stage, pauses: [...stage.pauses, { start: at, end: null }] };
    if (action === 'resume') stage = { ...stage, pauses: stage.pauses.map((p) => (p.end ? p : { ...p, end: at })) };
    if (action === 'postpone_approve' || action === 'suspend_approve' || action === 'resume') patch.stage = stageDoc(stage);
    if (action === 'refer') patch.agencyIds = (agencyIds = [...agencyIds, new Types.ObjectId(extra.agencyId)]).map(String);
    if (action.startsWith('penalty_') || action === 'legal_review') {
      penalty = { steps: [], major: tier === 'bureau', legalReview: 'none', decision: null, decisionDueAt: null, ...(penalty ?? {}) };
      penalty.steps = [...new Set([...penalty.steps, action])];
      if (action === 'legal_review') (penalty.legalReview = extra.approved ? 'approved' : 'rejected'), (data.approved = Boolean(extra.approved));
      if (action === 'penalty_decide' && extra.decision) {
        const d = extra.decision;
        penalty.major = d.major;
        penalty.decision = { type: 'fine', amountYuan: d.amountYuan ?? 500, legalBasis: d.legalBasis, at, withinLimit: d.withinLimit };
        Object.assign(data, { decisionType: 'fine', amountYuan: d.amountYuan ?? 500, legalBasis: d.legalBasis, withinLimit: d.withinLimit });
      }
      patch.penalty = penalty;
    }
    if (to !== status || action === 'escalate') {
      const next = STAGE_OF[to] ?? null;
      const keep = next === stage.name && action !== 'rework' && action !== 'escalate';
      if (seq > 0 && !keep) {
        const due = dueOf(stage);
        data.leftStage = { name: stage.name, startedAt: stage.startedAt, dueAt: due, onTime: due === null ? null : at.getTime() <= due.getTime() };
        if (due && at > due) everOverdue = patch.everOverdue = true;
        stage = { name: next, startedAt: next ? at : null, limitHours: next ? limits[next as keyof typeof limits] : null, extHours: 0, pauses: [] };
        patch.stage = stageDoc(stage);
      }
      patch.status = to;
    }
    seq += 1;
    await appendEvent({
      caseId, seq, action, from, to, actorId: String(actor._id), actorRole: actor.role, actorName: null, at, note: null, data, patch,
      attachments: extra.attachments ?? [],
    });
    status = to;
  }
  const doc: Record<string, unknown> = {
    _id: caseId, caseNo, status, tier, source: spec.source ?? 'patrol', urgent: false,
    categoryCode: spec.categoryCode ?? 'EVAL_T01', domain: spec.domain ?? 'city_appearance', description: 'evaluation fixture',
    location: { type: 'Point', coordinates: [106.26, 29.28] }, gridId: oid(spec.gridId), teamId, zoneId: null, holderId: null,
    reporterId: oid(spec.steps[0]?.[2]._id), seq, stage: stageDoc(stage), everOverdue, penalty, agencyIds, counters,
    photoIds: (spec.photoIds ?? []).map((p) => new Types.ObjectId(p)), ...times, createdAt: times.reportedAt, updatedAt: times.reportedAt,
  };
  await CaseModel.collection.insertOne(doc);
  return { id: String(caseId), caseNo };
}

/** A team and a grid cell of it, for fixtures that need names. */
export async function buildTeamAndCell(zh: string): Promise<{ teamId: string; gridId: string; code: string }> {
  const code = uniq('T');
  const team = await TeamModel.create({ code, name: { zh, en: code }, kind: 'zone', domains: [], active: true });
  const cell = await GridCellModel.create({ code: uniq('G'), name: { zh: `${zh}网格`, en: `${code} cell` }, zoneId: new Types.ObjectId() });
  return { teamId: String(team._id), gridId: String(cell._id), code };
}
