import { Types } from 'mongoose';
import type { LocalizedName } from '../../contracts';
import { isDuplicateKey } from '../../core/errors';
import { GridCellModel } from './grid-cell.model';
import { cells, findByIds, insertManyLean, teams, zones } from './org.repository';
import { TeamModel } from './team.model';
import { ZoneModel } from './zone.model';

/** A zone as a geometry import describes it (references already resolved to ids). */
export interface ZoneSpec {
  code: string;
  name: LocalizedName;
  teamId: string;
}

/** A grid cell as a geometry import describes it; `inspectorIds` or `village` undefined keeps the current ones. */
export interface CellSpec {
  code: string;
  name: LocalizedName;
  zoneId: string;
  inspectorIds?: string[];
  village?: { code: string; name: LocalizedName } | null;
}

const sameName = (a: LocalizedName, b: LocalizedName) => a.zh === b.zh && a.en === b.en;
const sameVillage = (a: { code: string; name: LocalizedName } | null, b: { code: string; name: LocalizedName } | null) =>
  a === b || (!!a && !!b && a.code === b.code && sameName(a.name, b.name));
const sameIds = (a: unknown[], b: string[]) => a.length === b.length && a.every((v, i) => String(v) === b[i]);

interface Existing {
  _id: Types.ObjectId;
  code: string;
}

/**
 * Creates the documents whose code is new and updates the changed ones, returning code → id.
 * Inserts are batched (10,000 cells in one import); a concurrent import that created the same
 * code first is tolerated (its id is reused).
 */
async function sync<E extends Existing, S extends { code: string }>(
  model: typeof ZoneModel | typeof GridCellModel,
  existing: E[],
  specs: S[],
  toDoc: (s: S) => Record<string, unknown>,
  changes: (e: E, s: S) => Record<string, unknown> | null,
  now: Date,
): Promise<Map<string, string>> {
  const byCode = new Map(existing.map((e) => [e.code, e]));
  const ids = new Map<string, string>();
  const fresh: Record<string, unknown>[] = [];
  const updates: { updateOne: { filter: { _id: Types.ObjectId }; update: { $set: Record<string, unknown> } } }[] = [];
  for (const s of specs) {
    const e = byCode.get(s.code);
    if (!e) {
      const _id = new Types.ObjectId();
      fresh.push({ _id, ...toDoc(s), createdAt: now, updatedAt: now });
      ids.set(s.code, String(_id));
      continue;
    }
    ids.set(s.code, String(e._id));
    const set = changes(e, s);
    if (set) updates.push({ updateOne: { filter: { _id: e._id }, update: { $set: { ...set, updatedAt: now } } } });
  }
  try {
    await insertManyLean(model, fresh);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const again = await (model as typeof ZoneModel).find({}, { code: 1 }).lean<Existing[]>();
    const codes = new Map(again.map((d) => [d.code, String(d._id)]));
    for (const s of specs) if (!byCode.has(s.code) && codes.has(s.code)) ids.set(s.code, codes.get(s.code)!);
  }
  for (let i = 0; i < updates.length; i += 1000) {
    await (model as typeof ZoneModel).bulkWrite(updates.slice(i, i + 1000) as never, { ordered: true });
  }
  return ids;
}

export async function syncZones(specs: ZoneSpec[], now: Date): Promise<Map<string, string>> {
  return sync(
    ZoneModel,
    await zones.all(),
    specs,
    (s) => ({ code: s.code, name: s.name, teamId: new Types.ObjectId(s.teamId) }),
    (e, s) => (sameName(e.name, s.name) && String(e.teamId) === s.teamId ? null : { name: s.name, teamId: new Types.ObjectId(s.teamId) }),
    now,
  );
}

export async function syncCells(specs: CellSpec[], now: Date): Promise<Map<string, string>> {
  return sync(
    GridCellModel,
    await cells.all(),
    specs,
    (s) => ({
      code: s.code,
      name: s.name,
      zoneId: new Types.ObjectId(s.zoneId),
      inspectorIds: (s.inspectorIds ?? []).map((id) => new Types.ObjectId(id)),
      village: s.village ?? null,
    }),
    (e, s) => {
      const set: Record<string, unknown> = {};
      if (!sameName(e.name, s.name)) set.name = s.name;
      if (String(e.zoneId) !== s.zoneId) set.zoneId = new Types.ObjectId(s.zoneId);
      if (s.inspectorIds && !sameIds(e.inspectorIds ?? [], s.inspectorIds)) set.inspectorIds = s.inspectorIds.map((id) => new Types.ObjectId(id));
      if (s.village !== undefined && !sameVillage(e.village ?? null, s.village)) set.village = s.village;
      return Object.keys(set).length ? set : null;
    },
    now,
  );
}

export interface OrgLabel {
  code: string;
  name: LocalizedName;
}

/** Codes and names of cells, zones and teams by id (one query per kind), for presenting cases. */
const LABEL_FIELDS = { code: 1, name: 1 } as const;

export async function orgLabels(ids: { gridIds?: string[]; zoneIds?: string[]; teamIds?: string[] }): Promise<{
  grids: Map<string, OrgLabel>;
  zones: Map<string, OrgLabel>;
  teams: Map<string, OrgLabel>;
}> {
  type Row = { _id: Types.ObjectId; code: string; name: LocalizedName };
  const [g, z, t] = await Promise.all([
    // Names only (a cell document also carries its geometry).
    findByIds<Row>(GridCellModel, ids.gridIds ?? [], LABEL_FIELDS),
    findByIds<Row>(ZoneModel, ids.zoneIds ?? [], LABEL_FIELDS),
    findByIds<Row>(TeamModel, ids.teamIds ?? [], LABEL_FIELDS),
  ]);
  const toMap = (rows: Row[]) => new Map(rows.map((r) => [String(r._id), { code: r.code, name: { zh: r.name.zh, en: r.name.en } }]));
  return { grids: toMap(g), zones: toMap(z), teams: toMap(t) };
}

/** Active domain teams (分领域) taking a domain, lowest code first so the choice is stable. */
export async function domainTeamsFor(domain: string): Promise<{ _id: Types.ObjectId; code: string; leaderId?: Types.ObjectId | null }[]> {
  const all = await teams.all();
  return all.filter((t) => t.kind === 'domain' && t.active !== false && t.domains.includes(domain as never));
}
