import { findByIdsMap } from '../../core/by-ids';
import { Types, type Model } from 'mongoose';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = Model<any>;
import { AgencyModel, type AgencyDoc } from './agency.model';
import { GridCellModel, type GridCellDoc } from './grid-cell.model';
import { orgChanged } from './org-version';
import { TeamModel, type TeamDoc } from './team.model';
import { ZoneModel, type ZoneDoc } from './zone.model';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const oid = (id: string) => new Types.ObjectId(id);

/** Runs a write to teams, zones or cells, then records the change for the router's org cache. */
async function changed<T>(write: PromiseLike<T>): Promise<T> {
  const result = await write;
  await orgChanged();
  return result;
}

/** Reference data is listed by code; the cursor is the last code of the previous page. */
async function pageByCode<T extends { code: string }>(
  model: AnyModel,
  filter: Record<string, unknown>,
  limit: number,
  cursor?: string,
): Promise<Page<T>> {
  const q = cursor ? { ...filter, code: { $gt: cursor } } : filter;
  const rows = await model.find(q).sort({ code: 1 }).limit(limit + 1).lean<T[]>();
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.code : null };
}

export const teams = {
  page: (f: { kind?: string }, limit: number, cursor?: string) =>
    pageByCode<TeamDoc>(TeamModel, f.kind ? { kind: f.kind } : {}, limit, cursor),
  byId: (id: string) => (Types.ObjectId.isValid(id) ? TeamModel.findById(id).lean<TeamDoc>() : null),
  byCode: (code: string) => TeamModel.findOne({ code }).lean<TeamDoc>(),
  all: () => TeamModel.find({}).sort({ code: 1 }).lean<TeamDoc[]>(),
  insert: async (doc: Omit<TeamDoc, '_id' | 'createdAt' | 'updatedAt'>) => (await changed(TeamModel.create(doc))).toObject() as TeamDoc,
  update: (id: Types.ObjectId, set: Record<string, unknown>) =>
    changed(TeamModel.findByIdAndUpdate(id, { $set: set }, { returnDocument: 'after' }).lean<TeamDoc>()),
};

export const zones = {
  page: (f: { teamId?: string }, limit: number, cursor?: string) =>
    pageByCode<ZoneDoc>(ZoneModel, f.teamId ? { teamId: oid(f.teamId) } : {}, limit, cursor),
  byId: (id: string) => (Types.ObjectId.isValid(id) ? ZoneModel.findById(id).lean<ZoneDoc>() : null),
  all: () => ZoneModel.find({}).sort({ code: 1 }).lean<ZoneDoc[]>(),
  insert: async (doc: Omit<ZoneDoc, '_id' | 'createdAt' | 'updatedAt'>) => (await changed(ZoneModel.create(doc))).toObject() as ZoneDoc,
  update: (id: Types.ObjectId, set: Record<string, unknown>) =>
    changed(ZoneModel.findByIdAndUpdate(id, { $set: set }, { returnDocument: 'after' }).lean<ZoneDoc>()),
  countByTeam: (teamId: Types.ObjectId) => ZoneModel.countDocuments({ teamId }),
};

export const cells = {
  page: (f: { zoneId?: string; inspectorId?: string }, limit: number, cursor?: string) => {
    const filter: Record<string, unknown> = {};
    if (f.zoneId) filter.zoneId = oid(f.zoneId);
    if (f.inspectorId) filter.inspectorIds = oid(f.inspectorId);
    return pageByCode<GridCellDoc>(GridCellModel, filter, limit, cursor);
  },
  byId: (id: string) => (Types.ObjectId.isValid(id) ? GridCellModel.findById(id).lean<GridCellDoc>() : null),
  all: () => GridCellModel.find({}).sort({ code: 1 }).lean<GridCellDoc[]>(),
  insert: async (doc: Omit<GridCellDoc, '_id' | 'createdAt' | 'updatedAt'>) => (await changed(GridCellModel.create(doc))).toObject() as GridCellDoc,
  update: (id: Types.ObjectId, set: Record<string, unknown>) =>
    changed(GridCellModel.findByIdAndUpdate(id, { $set: set }, { returnDocument: 'after' }).lean<GridCellDoc>()),
};

export const agencies = {
  page: (f: { kind?: string }, limit: number, cursor?: string) =>
    pageByCode<AgencyDoc>(AgencyModel, f.kind ? { kind: f.kind } : {}, limit, cursor),
  byId: (id: string) => (Types.ObjectId.isValid(id) ? AgencyModel.findById(id).lean<AgencyDoc>() : null),
  all: () => AgencyModel.find({}).sort({ code: 1 }).lean<AgencyDoc[]>(),
  insert: async (doc: Omit<AgencyDoc, '_id' | 'createdAt' | 'updatedAt'>) => (await AgencyModel.create(doc)).toObject() as AgencyDoc,
  update: (id: Types.ObjectId, set: Record<string, unknown>) =>
    AgencyModel.findByIdAndUpdate(id, { $set: set }, { returnDocument: 'after' }).lean<AgencyDoc>(),
};

/** Documents by id (one `_id $in` query, see core/by-ids.ts); invalid and unknown ids are left out. */
export async function findByIds<T extends { _id: unknown }>(model: AnyModel, ids: string[], projection?: Record<string, 0 | 1>): Promise<T[]> {
  const valid = ids.filter((id) => Types.ObjectId.isValid(id)).map(oid);
  return [...(await findByIdsMap<T>(model as never, valid, { projection })).values()];
}

/** Inserts many new documents at once (imports); lean skips per-document casting cost. */
export async function insertManyLean(model: AnyModel, docs: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 1000) {
    await model.insertMany(docs.slice(i, i + 1000) as never[], { ordered: true, lean: true });
  }
}
