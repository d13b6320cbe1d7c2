import { Types } from 'mongoose';
import { isDuplicateKey } from '../../core/errors';
import { ReviewBatchModel, ReviewItemModel, RubricModel, RectificationModel } from './evaluation.model';
import { DEFAULT_RUBRIC, type Rubric } from './rubric.workflow';

/** Database access for rubrics, review samples, their items and rectification items (lean objects). */
type Raw = Record<string, any>;
const oid = (id: string) => new Types.ObjectId(id);
const valid = (id: string) => Types.ObjectId.isValid(id) && /^[0-9a-f]{24}$/i.test(id);

export interface RubricVersion {
  version: number;
  rubric: Rubric;
  createdAt: Date;
  createdBy: string | null;
}

const toRubric = (r: Raw): RubricVersion => ({ version: r.version, rubric: r.rubric, createdAt: r.createdAt, createdBy: r.createdBy ? String(r.createdBy) : null });

/** All rubric versions, newest first; version 1 (the default of domain.md §6) is stored on first use. */
export async function rubricVersions(now: Date): Promise<RubricVersion[]> {
  let rows = await RubricModel.find({}).sort({ version: -1 }).lean<Raw[]>();
  if (!rows.length) {
    await RubricModel.create({ version: 1, rubric: DEFAULT_RUBRIC, createdBy: null, createdAt: now }).catch((err) => {
      if (!isDuplicateKey(err)) throw err;
    });
    rows = await RubricModel.find({}).sort({ version: -1 }).lean<Raw[]>();
  }
  return rows.map(toRubric);
}

export async function rubricVersion(version: number): Promise<RubricVersion | null> {
  const r = await RubricModel.findOne({ version }).lean<Raw>();
  return r ? toRubric(r) : null;
}

/** Inserts the next version; a concurrent insert of the same version loses with a duplicate key. */
export async function insertRubric(version: number, rubric: Rubric, by: string, at: Date): Promise<RubricVersion> {
  const doc = await RubricModel.create({ version, rubric, createdBy: oid(by), createdAt: at });
  return toRubric(doc.toObject());
}

export const batches = {
  byId: (id: string) => (valid(id) ? ReviewBatchModel.findById(id).lean<Raw>() : Promise.resolve(null)),
  latestFor: (periodKey: string) => ReviewBatchModel.findOne({ periodKey }).sort({ createdAt: -1, _id: -1 }).lean<Raw>(),
  list: (periodKey?: string) => ReviewBatchModel.find(periodKey ? { periodKey } : {}).sort({ createdAt: -1, _id: -1 }).limit(200).lean<Raw[]>(),
  insert: async (doc: Raw) => (await ReviewBatchModel.create(doc)).toObject() as Raw,
  freeze: (id: Types.ObjectId, reportId: Types.ObjectId) => ReviewBatchModel.updateOne({ _id: id, frozenBy: null }, { $set: { frozenBy: reportId } }),
};

export const items = {
  byId: (id: string) => (valid(id) ? ReviewItemModel.findById(id).lean<Raw>() : Promise.resolve(null)),
  ofBatch: (batchId: Types.ObjectId | string) => ReviewItemModel.find({ batchId: new Types.ObjectId(String(batchId)) }).sort({ team: 1, order: 1 }).lean<Raw[]>(),
  insertMany: (docs: Raw[]) => ReviewItemModel.insertMany(docs, { ordered: false }),
  setScore: (id: Types.ObjectId, set: Raw) => ReviewItemModel.updateOne({ _id: id }, { $set: set }),
};

export const rectifications = {
  byId: (id: string) => (valid(id) ? RectificationModel.findById(id).lean<Raw>() : Promise.resolve(null)),
  list: (filter: Raw, limit: number, cursor?: string) =>
    RectificationModel.find(cursor && valid(cursor) ? { ...filter, _id: { $lt: oid(cursor) } } : filter)
      .sort({ _id: -1 })
      .limit(limit + 1)
      .lean<Raw[]>(),
  ofBatch: (batchId: Types.ObjectId) => RectificationModel.find({ batchId }).sort({ _id: 1 }).lean<Raw[]>(),
  /** Inserts unless an item with the same key exists (a finding creates one rectification only). */
  insertOnce: async (doc: Raw) => {
    try {
      await RectificationModel.create(doc);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  },
  set: (id: Types.ObjectId, seq: number, set: Raw) => RectificationModel.updateOne({ _id: id, seq: { $lt: seq } }, { $set: { ...set, seq } }),
};
