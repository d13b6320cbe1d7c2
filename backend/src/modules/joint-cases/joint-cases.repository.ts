import { Types } from 'mongoose';
import { isDuplicateKey } from '../../core/errors';
import { JointCaseModel, JointEventModel, JointLinkModel } from './joint-case.model';
import { JointNoticeModel, JointTaskEventModel, JointTaskModel } from './joint-task.model';
import type { TaskStatus } from './joint-task.workflow';

/** A joint case as stored (lean). */
export type JointCaseRecord = Record<string, any> & {
  _id: Types.ObjectId;
  seq: number;
  status: 'open' | 'closed';
  caseIds: Types.ObjectId[];
  agencyIds: Types.ObjectId[];
};

export type TaskRecord = Record<string, any> & {
  _id: Types.ObjectId;
  jointCaseId: Types.ObjectId;
  agencyId: Types.ObjectId;
  status: TaskStatus;
  seq: number;
  dueAt: Date;
  reassignedToTaskId: Types.ObjectId | null;
};

export const oid = (id: string | Types.ObjectId) => new Types.ObjectId(String(id));
const valid = (id: string) => Types.ObjectId.isValid(id) && /^[0-9a-f]{24}$/i.test(id);

export interface JointStep {
  jointCaseId: Types.ObjectId;
  seq: number;
  step: string;
  taskId: Types.ObjectId | null;
  actorId: string | null;
  actorRole: string | null;
  actorName: string | null;
  at: Date;
  note: string | null;
  data: Record<string, unknown>;
  patch: Record<string, unknown>;
}

/** Writes a step's projection change; never moves the joint case's seq backwards. */
async function applyJointPatch(id: Types.ObjectId, seq: number, patch: Record<string, unknown>, at: Date) {
  await JointCaseModel.updateOne({ _id: id, seq: { $lt: seq } }, { $set: { ...patch, seq, updatedAt: at } }, { timestamps: false });
}

/** Loads a joint case, replaying steps its document has not seen (a writer died in between). */
export async function findJointCase(id: string): Promise<JointCaseRecord | null> {
  if (!valid(id)) return null;
  const jc = await JointCaseModel.findById(id).lean<JointCaseRecord>();
  if (!jc) return null;
  const later = await JointEventModel.find({ jointCaseId: jc._id, seq: { $gt: jc.seq } }).sort({ seq: 1 }).lean<JointStep[]>();
  if (later.length === 0) return jc;
  for (const e of later) await applyJointPatch(jc._id, e.seq, e.patch ?? {}, e.at);
  return JointCaseModel.findById(id).lean<JointCaseRecord>();
}

/** Appends a step at `seq`; a duplicate key (someone else took that seq) is thrown to the caller. */
export async function appendJointStep(e: JointStep): Promise<void> {
  await JointEventModel.create(e);
  await applyJointPatch(e.jointCaseId, e.seq, e.patch, e.at);
}

/**
 * Records a step on the joint case's timeline, retrying on concurrent steps. `guard` sees the
 * fresh joint case and may refuse (throw); it runs again on every retry.
 */
export async function recordJointStep(
  id: Types.ObjectId,
  build: (jc: JointCaseRecord) => Omit<JointStep, 'seq' | 'jointCaseId'>,
): Promise<JointCaseRecord> {
  for (let attempt = 0; ; attempt++) {
    const jc = (await findJointCase(String(id)))!;
    try {
      await appendJointStep({ ...build(jc), jointCaseId: jc._id, seq: jc.seq + 1 });
      return jc;
    } catch (err) {
      if (!isDuplicateKey(err) || attempt >= 20) throw err;
    }
  }
}

export async function jointStepsOf(id: Types.ObjectId) {
  return JointEventModel.find({ jointCaseId: id }).sort({ seq: 1 }).lean<(JointStep & { _id: Types.ObjectId })[]>();
}

export async function insertJointCase(doc: Record<string, unknown>): Promise<void> {
  await JointCaseModel.create(doc);
}

export async function deleteJointCase(id: Types.ObjectId): Promise<void> {
  await JointCaseModel.deleteOne({ _id: id });
  await JointEventModel.deleteMany({ jointCaseId: id });
}

/** Claims each case for the joint case; on a case already claimed, undoes this call's claims. */
export async function claimCases(jointCaseId: Types.ObjectId, caseIds: Types.ObjectId[], at: Date): Promise<Types.ObjectId | null> {
  const mine: Types.ObjectId[] = [];
  for (const caseId of caseIds) {
    try {
      await JointLinkModel.create({ _id: caseId, jointCaseId, at });
      mine.push(caseId);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await JointLinkModel.deleteMany({ _id: { $in: mine }, jointCaseId });
      return caseId;
    }
  }
  return null;
}

export async function listJointCases(filter: Record<string, unknown>, limit: number, cursor?: string) {
  const q = cursor && valid(cursor) ? { $and: [filter, { _id: { $lt: oid(cursor) } }] } : filter;
  const rows = await JointCaseModel.find(q).sort({ _id: -1 }).limit(limit + 1).lean<JointCaseRecord[]>();
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!._id) : null };
}

export async function jointCasesByIds(ids: Types.ObjectId[]) {
  if (ids.length === 0) return [];
  return JointCaseModel.find({ _id: { $in: ids } }, { title: 1, status: 1, openedBy: 1 }).lean<
    { _id: Types.ObjectId; title: string; status: string; openedBy: Types.ObjectId }[]
  >();
}

// ---- tasks ----

async function applyTaskPatch(id: Types.ObjectId, seq: number, patch: Record<string, unknown>, at: Date) {
  await JointTaskModel.updateOne({ _id: id, seq: { $lt: seq } }, { $set: { ...patch, seq, updatedAt: at } }, { timestamps: false });
}

async function catchUpTask(t: TaskRecord): Promise<TaskRecord> {
  const later = await JointTaskEventModel.find({ taskId: t._id, seq: { $gt: t.seq } }).sort({ seq: 1 }).lean<{ seq: number; patch: Record<string, unknown>; at: Date }[]>();
  if (later.length === 0) return t;
  for (const e of later) await applyTaskPatch(t._id, e.seq, e.patch ?? {}, e.at);
  return (await JointTaskModel.findById(t._id).lean<TaskRecord>()) ?? t;
}

export async function findTask(id: string): Promise<TaskRecord | null> {
  if (!valid(id)) return null;
  const t = await JointTaskModel.findById(id).lean<TaskRecord>();
  return t ? catchUpTask(t) : null;
}

export async function tasksOf(jointCaseId: Types.ObjectId): Promise<TaskRecord[]> {
  const rows = await JointTaskModel.find({ jointCaseId }).sort({ createdAt: 1, _id: 1 }).lean<TaskRecord[]>();
  return Promise.all(rows.map(catchUpTask));
}

export async function tasksOfMany(jointCaseIds: Types.ObjectId[]): Promise<TaskRecord[]> {
  if (jointCaseIds.length === 0) return [];
  const rows = await JointTaskModel.find({ jointCaseId: { $in: jointCaseIds } }).lean<TaskRecord[]>();
  return Promise.all(rows.map(catchUpTask));
}

export async function listTasks(filter: Record<string, unknown>, limit: number, cursor?: string) {
  const q = cursor && valid(cursor) ? { $and: [filter, { _id: { $lt: oid(cursor) } }] } : filter;
  const rows = await JointTaskModel.find(q).sort({ _id: -1 }).limit(limit + 1).lean<TaskRecord[]>();
  const items = await Promise.all(rows.slice(0, limit).map(catchUpTask));
  return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!._id) : null };
}

/** Creates a task at seq 1 (its creation event and document). */
export async function insertTask(doc: Record<string, unknown> & { _id: Types.ObjectId }, actor: { id: string; role: string }, at: Date) {
  await JointTaskEventModel.create({ taskId: doc._id, seq: 1, action: 'assign', from: null, to: 'assigned', actorId: actor.id, actorRole: actor.role, at, note: null, patch: {} });
  await JointTaskModel.create({ ...doc, seq: 1, createdAt: at, updatedAt: at });
}

export async function deleteTask(id: Types.ObjectId): Promise<void> {
  await JointTaskModel.deleteOne({ _id: id });
  await JointTaskEventModel.deleteMany({ taskId: id });
}

/** Appends a task event at `seq` (duplicate key = someone acted on the task first) and projects it. */
export async function appendTaskEvent(e: {
  taskId: Types.ObjectId;
  seq: number;
  action: string;
  from: string;
  to: string;
  actorId: string;
  actorRole: string;
  at: Date;
  note: string | null;
  patch: Record<string, unknown>;
}): Promise<void> {
  await JointTaskEventModel.create(e);
  await applyTaskPatch(e.taskId, e.seq, e.patch, e.at);
}

export async function dueTasks(horizon: Date) {
  return JointTaskModel.find({ status: { $in: ['assigned', 'accepted', 'in_progress'] }, dueAt: { $lte: horizon } }).lean<TaskRecord[]>();
}

/** Claims a deadline notice; false when it was claimed before (by this or another instance). */
export async function claimTaskNotice(key: string, taskId: Types.ObjectId, kind: string, at: Date): Promise<boolean> {
  try {
    await JointNoticeModel.create({ _id: key, taskId, kind, at });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}
