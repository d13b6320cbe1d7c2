import { Types } from 'mongoose';
import { findByIdsMap } from '../../core/by-ids';
import { castForInsert } from '../../core/insert-batcher';
import { caseEventInserts, CaseEventModel, CaseModel } from './case.model';
import { eventHash, GENESIS_HASH, type HashedEvent } from './case-hash.workflow';
import { announceCaseEvent } from '../events';
import { timelineHooks } from './timeline-hooks.port';

/** A case document as stored (lean). */
export type CaseRecord = Record<string, any> & { _id: Types.ObjectId; seq: number; status: string };

export async function findCase(id: string): Promise<CaseRecord | null> {
  if (!Types.ObjectId.isValid(id)) return null;
  return CaseModel.findById(id).lean<CaseRecord>();
}

export interface NewEvent {
  caseId: Types.ObjectId;
  seq: number;
  action: string;
  from: string | null;
  to: string | null;
  actorId: string | null;
  actorRole: string | null;
  actorName: string | null;
  at: Date;
  note: string | null;
  data: Record<string, unknown>;
  patch: Record<string, unknown>;
  attachments: string[];
  prevHash: string;
}

/** Drops undefined members so what is hashed is exactly what the database stores and returns. */
function stripUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(stripUndefined) as T;
  if (value && typeof value === 'object' && !(value instanceof Date) && !(value instanceof Types.ObjectId)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, stripUndefined(v)]),
    ) as T;
  }
  return value;
}

/** Builds the hashed event document for the next seq of a case. */
export function sealEvent(e: Omit<NewEvent, 'prevHash'>, prevHash: string) {
  const clean = { ...e, data: stripUndefined(e.data), patch: stripUndefined(e.patch) };
  const hashed: HashedEvent = { ...clean, caseId: String(e.caseId), prevHash };
  return { ...clean, prevHash, hash: eventHash(hashed) };
}

export type SealedEvent = ReturnType<typeof sealEvent>;

/** The primary key of a case's n-th event. */
export const eventId = (caseId: Types.ObjectId | string, seq: number) => `${String(caseId)}:${String(seq).padStart(6, '0')}`;

/**
 * Appends an event. Its _id is (caseId, seq), so when two writers race for the same seq only one
 * insert succeeds; the other throws a duplicate-key error (the caller answers 409).
 */
export async function appendEvent(
  e: Omit<NewEvent, 'prevHash'>,
  opts: { journaled?: boolean; before?: CaseRecord } = {},
): Promise<{ hash: string; event: SealedEvent }> {
  const prev = e.seq === 1 ? null : await CaseEventModel.findById(eventId(e.caseId, e.seq - 1), { hash: 1 }).lean<{ hash: string }>();
  const doc = sealEvent(e, prev?.hash ?? GENESIS_HASH);
  // Evaluation fact projection (issue 8): journal the coming event first (unless the caller did
  // already: the report path journals a new case's first event together with its idempotency
  // key), record it once it won.
  if (!opts.journaled) await timelineHooks.beforeAppend(String(e.caseId), e.seq, e.at);
  await caseEventInserts.insert(await castForInsert(CaseEventModel, { _id: eventId(e.caseId, e.seq), ...doc }));
  // A case's first event is completed with its new case document (timelineHooks.caseCreated).
  if (e.seq > 1) await timelineHooks.afterAppend(doc);
  // Live push (issue 9): only the insert that won gets here; never throws. `before` is the case the
  // caller built this seq on (its document at seq - 1), so the announcement need not read it again.
  await announceCaseEvent(doc, opts.before);
  return { hash: doc.hash, event: doc };
}

type StoredEvent = NewEvent & { hash: string; _id: string };

/**
 * A case's events in seq order, read by primary key from 1 up to the case's head (and one past
 * it, to notice extra events), a batch of keys per query. Missing ones are simply absent, so a verifier
 * sees the gap.
 */
export async function eventsOf(caseId: Types.ObjectId | string): Promise<StoredEvent[]> {
  const id = new Types.ObjectId(String(caseId));
  const head = (await CaseModel.findById(id, { seq: 1 }).lean<{ seq: number }>())?.seq ?? 0;
  const out: StoredEvent[] = [];
  const BATCH = 64;
  for (let from = 1; from <= head + 1; from += BATCH) {
    const seqs = Array.from({ length: Math.min(BATCH, head + 2 - from) }, (_, i) => from + i);
    const batch = await findByIdsMap<StoredEvent>(CaseEventModel, seqs.map((n) => eventId(id, n)));
    for (const n of seqs) {
      const e = batch.get(eventId(id, n));
      if (e) out.push(e);
    }
  }
  return out;
}

/**
 * Writes an event's projection change; never moves a case's seq backwards. (Read by _id, then a
 * write by _id: both reach SQL on FerretDB; the event insert already serialised the writers.)
 */
export async function applyPatch(caseId: Types.ObjectId, seq: number, patch: Record<string, unknown>, at: Date) {
  const current = await CaseModel.findById(caseId, { seq: 1 }).lean<{ seq: number }>();
  if (current && current.seq >= seq) return;
  await CaseModel.updateOne({ _id: caseId }, { $set: { ...patch, seq, updatedAt: at } }, { timestamps: false });
}

/**
 * Brings a case document up to date with events it has not seen (a writer that died between the
 * event insert and the projection write). Returns the fresh document.
 */
export async function catchUp(kase: CaseRecord): Promise<CaseRecord> {
  let seq = kase.seq;
  for (;;) {
    const next = await CaseEventModel.findById(eventId(kase._id, seq + 1)).lean<StoredEvent>();
    if (!next) break;
    await applyPatch(kase._id, next.seq, next.patch ?? {}, next.at);
    seq = next.seq;
  }
  if (seq === kase.seq) return kase;
  return (await findCase(String(kase._id))) ?? kase;
}
