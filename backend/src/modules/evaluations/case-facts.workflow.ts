import { gunzipSync, gzipSync } from 'node:zlib';
import type { FoldCase, FoldEvent, LeftStage } from './case-timeline.workflow';

/**
 * The per-case evaluation facts (pure): what `caseUnits` (case-units.workflow.ts) reads of a case,
 * period-independent, so any period's figures come from the facts by the SAME code as from the
 * whole timeline. Facts = the case's FoldCase fields + its milestone events, each reduced to the
 * fields the engine reads. An event is a milestone when `caseUnits`/`replay` look at it:
 *  - the first event (its `data.teamId` is where routing put the case);
 *  - an action the engine names (report, file, handle_on_spot, merge, dispatch, return, escalate,
 *    de_escalate, resolve, verify, rework, postpone_approve, suspend_approve, resume,
 *    penalty_notify, legal_review, penalty_decide);
 *  - any event that ended a deadline stage (`data.leftStage`: on-time results, stage runs);
 *  - any event that changed the team (`patch.teamId`: attribution) or the agencies (`patch.agencyIds`).
 * Dropping the others (accept, comments, photos, referral acknowledgements…) changes no unit: the
 * team after a dropped event is the team before it, and no search of the engine stops at one.
 * case-facts.workflow.test.ts checks units(full timeline) = units(facts) on varied timelines.
 */
const MILESTONES = new Set([
  'report', 'file', 'handle_on_spot', 'merge', 'dispatch', 'return', 'escalate', 'de_escalate', 'resolve', 'verify', 'rework',
  'postpone_approve', 'suspend_approve', 'resume', 'penalty_notify', 'legal_review', 'penalty_decide',
]);

export function isMilestone(e: FoldEvent, index: number): boolean {
  return (
    index === 0 ||
    MILESTONES.has(e.action) ||
    (e.data?.leftStage !== undefined && e.data?.leftStage !== null) ||
    (e.patch !== undefined && e.patch !== null && ('teamId' in e.patch || Array.isArray(e.patch.agencyIds)))
  );
}

/** One case's facts as of its event `seq` (events with a higher seq are not in them). */
export interface CaseFacts {
  seq: number;
  kase: FoldCase;
  events: FoldEvent[];
}

/** Facts of a case from its document and its events (seq order), cut at the document's seq. */
export function factsOf(kase: FoldCase, seq: number, events: readonly FoldEvent[]): CaseFacts {
  // The head is the last event of an unbroken run 1..n not past the document (a concurrent reader may miss the newest).
  let head = 0;
  for (const e of events) {
    if (e.seq !== head + 1 || e.seq > seq) break;
    head = e.seq;
  }
  const kept = events.filter((e, i) => e.seq <= head && isMilestone(e, i)).map(minimalEvent);
  return { seq: head, kase: { ...kase }, events: kept };
}

/** The fields of an event the engine reads (patch and data reduced to them). */
export function minimalEvent(e: FoldEvent): FoldEvent {
  const data: FoldEvent['data'] = {};
  if (e.data?.leftStage) data.leftStage = e.data.leftStage;
  if (e.data?.withinLimit !== undefined) data.withinLimit = e.data.withinLimit;
  if (e.data?.approved !== undefined) data.approved = e.data.approved;
  if (e.data && 'teamId' in e.data) data.teamId = e.data.teamId ?? null;
  const patch: FoldEvent['patch'] = {};
  if (e.patch && 'teamId' in e.patch) patch.teamId = e.patch.teamId ?? null;
  if (e.patch && Array.isArray(e.patch.agencyIds)) patch.agencyIds = e.patch.agencyIds;
  const pen = e.patch?.penalty;
  if (pen) {
    patch.penalty = {};
    if (pen.major !== undefined) patch.penalty.major = pen.major;
    if (pen.decision && pen.decision.withinLimit !== undefined) patch.penalty.decision = { withinLimit: pen.decision.withinLimit };
  }
  return { seq: e.seq, action: e.action, at: e.at, actorId: e.actorId, actorRole: e.actorRole, data, patch };
}

/** What a case event changes of the FoldCase fields (the cases module `$set`s the patch's top-level keys). */
export function applyToCase(kase: FoldCase, patch: Record<string, any> | null | undefined): FoldCase {
  if (!patch) return kase;
  const next = { ...kase };
  const id = (v: unknown) => (v === null || v === undefined ? null : String(v));
  if ('teamId' in patch) next.teamId = id(patch.teamId);
  if ('gridId' in patch) next.gridId = id(patch.gridId);
  for (const k of ['source', 'domain', 'categoryCode'] as const) if (typeof patch[k] === 'string') next[k] = patch[k];
  if ('reportedAt' in patch && patch.reportedAt) next.reportedAt = new Date(patch.reportedAt);
  if ('stage' in patch) {
    const s = patch.stage;
    next.stage = s ? { name: s.name ?? null, startedAt: date(s.startedAt), dueAt: date(s.dueAt) } : null;
  }
  return next;
}

const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string | number | Date));
const num = (d: Date | null | undefined) => (d === null || d === undefined ? null : d.getTime());

/** The FoldCase fields a case patch may set (what `applyToCase` reads). */
export function casePatchOf(patch: Record<string, any> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['teamId', 'gridId', 'source', 'domain', 'categoryCode', 'reportedAt'] as const) if (patch && k in patch) out[k] = patch[k] === null || patch[k] === undefined ? null : String(k === 'reportedAt' ? new Date(patch[k]).toISOString() : patch[k]);
  if (patch && 'stage' in patch) out.stage = patch.stage ? { name: patch.stage.name ?? null, startedAt: patch.stage.startedAt ?? null, dueAt: patch.stage.dueAt ?? null } : null;
  return out;
}


/** What the journal records of an event that was written: its facts (null when not a milestone) and the FoldCase fields its patch sets. */
export function journalDelta(e: FoldEvent, rawPatch: Record<string, any> | undefined): { e: string | null; p: string } {
  return { e: isMilestone(e, e.seq === 1 ? 0 : 1) ? JSON.stringify(eventToWire(minimalEvent(e))) : null, p: JSON.stringify(casePatchOf(rawPatch)) };
}

/** A journal entry of the projection (case-facts.model.ts): `done` once its event was written; `e`, `p`, `c` JSON. */
export interface JournalEntry {
  seq: number;
  done: boolean;
  e: string | null;
  p: string | null;
  c: string | null;
}

/** Facts advanced by journal entries in seq order; null when an entry is missing or not done (read the timeline). */
export function advanceFacts(base: CaseFacts | null, entries: readonly JournalEntry[]): CaseFacts | null {
  let f = base;
  for (const en of entries) {
    if (f && en.seq <= f.seq) continue;
    if (!en.done) return null;
    if (!f) {
      if (en.seq !== 1 || !en.c) return null;
      f = { seq: 0, kase: caseFromWire(JSON.parse(en.c) as WireCase), events: [] };
    }
    if (en.seq !== f.seq + 1) return null;
    f = {
      seq: en.seq,
      kase: applyToCase(f.kase, en.p ? (JSON.parse(en.p) as Record<string, unknown>) : null),
      events: en.e ? [...f.events, eventFromWire(JSON.parse(en.e) as WireEvent)] : f.events,
    };
  }
  return f;
}


// ---- Wire form: JSON arrays with epoch milliseconds, gzipped per chunk of cases. ----

type WireStage = [string | null, number | null, number | null] | null;
type WireLeft = [string | null, number | null, number | null, boolean | null];
export type WireEvent = [number, string, number, string | null, string | null, Record<string, unknown>, Record<string, unknown>];
export type WireCase = [string, string, string | null, string | null, string, string, number, WireStage];
/** A case's facts on the wire: [seq, case, events]. */
export type WireFacts = [number, WireCase, WireEvent[]];

export function caseToWire(c: FoldCase): WireCase {
  const s = c.stage ? ([c.stage.name, num(c.stage.startedAt), num(c.stage.dueAt)] as WireStage) : null;
  return [c.id, c.source, c.gridId, c.teamId, c.domain, c.categoryCode, c.reportedAt.getTime(), s];
}

export function caseFromWire(w: WireCase): FoldCase {
  const [id, source, gridId, teamId, domain, categoryCode, reportedAt, s] = w;
  return { id, source, gridId, teamId, domain, categoryCode, reportedAt: new Date(reportedAt), stage: s ? { name: s[0], startedAt: date(s[1]), dueAt: date(s[2]) } : null };
}

export function eventToWire(e: FoldEvent): WireEvent {
  const { leftStage, ...data } = e.data;
  const d: Record<string, unknown> = { ...data };
  if (leftStage) d.leftStage = [leftStage.name, num(leftStage.startedAt), num(leftStage.dueAt), leftStage.onTime] as WireLeft;
  return [e.seq, e.action, e.at.getTime(), e.actorId, e.actorRole, d, e.patch as Record<string, unknown>];
}

export function eventFromWire(w: WireEvent): FoldEvent {
  const [seq, action, at, actorId, actorRole, d, patch] = w;
  const data = { ...d } as FoldEvent['data'] & { leftStage?: unknown };
  if (Array.isArray(d.leftStage)) {
    const l = d.leftStage as WireLeft;
    data.leftStage = { name: l[0], startedAt: date(l[1]), dueAt: date(l[2]), onTime: l[3] } satisfies LeftStage;
  }
  return { seq, action, at: new Date(at), actorId, actorRole, data: data as FoldEvent['data'], patch: patch as FoldEvent['patch'] };
}

export const factsToWire = (f: CaseFacts): WireFacts => [f.seq, caseToWire(f.kase), f.events.map(eventToWire)];
export const factsFromWire = (w: WireFacts): CaseFacts => ({ seq: w[0], kase: caseFromWire(w[1]), events: w[2].map(eventFromWire) });

/** A chunk of cases' facts as one binary value (one document decodes fast on FerretDB, thousands do not). */
export const packChunk = (rows: readonly WireFacts[]): Buffer => gzipSync(JSON.stringify(rows), { level: 6 });
export const unpackChunk = (buf: Buffer | Uint8Array): WireFacts[] => JSON.parse(gunzipSync(buf).toString('utf8')) as WireFacts[];
