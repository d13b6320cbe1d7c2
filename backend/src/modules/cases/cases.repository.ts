import { Types } from 'mongoose';
import { CaseEventModel, CaseModel } from './case.model';
import { eventHash, GENESIS_HASH, type HashedEvent } from './case-hash.workflow';

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

/**
 * Appends an event. (caseId, seq) is unique, so when two writers race for the same seq only one
 * insert succeeds; the other throws a duplicate-key error (the caller answers 409).
 */
export async function appendEvent(e: Omit<NewEvent, 'prevHash'>): Promise<{ hash: string }> {
  const prev =
    e.seq === 1
      ? null
      : await CaseEventModel.findOne({ caseId: e.caseId, seq: e.seq - 1 }, { hash: 1 }).lean<{ hash: string }>();
  const doc = sealEvent(e, prev?.hash ?? GENESIS_HASH);
  await CaseEventModel.create(doc);
  return { hash: doc.hash };
}

export async function eventsOf(caseId: Types.ObjectId | string) {
  return CaseEventModel.find({ caseId: new Types.ObjectId(String(caseId)) })
    .sort({ seq: 1 })
    .lean<(NewEvent & { hash: string; _id: Types.ObjectId })[]>();
}

/** Writes an event's projection change; never moves a case's seq backwards. */
export async function applyPatch(caseId: Types.ObjectId, seq: number, patch: Record<string, unknown>, at: Date) {
  await CaseModel.updateOne({ _id: caseId, seq: { $lt: seq } }, { $set: { ...patch, seq, updatedAt: at } }, { timestamps: false });
}

/**
 * Brings a case document up to date with events it has not seen (a writer that died between the
 * event insert and the projection write). Returns the fresh document.
 */
export async function catchUp(kase: CaseRecord): Promise<CaseRecord> {
  const later = await CaseEventModel.find({ caseId: kase._id, seq: { $gt: kase.seq } })
    .sort({ seq: 1 })
    .lean<(NewEvent & { hash: string })[]>();
  if (later.length === 0) return kase;
  for (const e of later) await applyPatch(kase._id, e.seq, e.patch ?? {}, e.at);
  return (await findCase(String(kase._id))) ?? kase;
}
