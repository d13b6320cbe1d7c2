import { Types } from 'mongoose';
import { CaseEventModel, CaseModel } from '../cases';
import { CategoryModel } from '../catalogue';
import { AgencyModel, GridCellModel, TeamModel } from '../org';
import { UserModel } from '../users';
import type { FoldCase, FoldEvent } from './case-timeline.workflow';
import { DEFAULT_SPILL, TimelineGrouper, type CaseTimeline, type SpillOptions } from './timeline-spill';

export type { CaseTimeline };

/**
 * Reads case timelines for the indicator engine: both collections once, in natural order (no
 * database sort), only the fields the engine reads, grouped per case by TimelineGrouper (in memory
 * for small sets, spilled to hash partitions on disk past a limit), so memory stays bounded.
 */
const CASE_FIELDS = {
  source: 1,
  gridId: 1,
  teamId: 1,
  domain: 1,
  categoryCode: 1,
  reportedAt: 1,
  seq: 1,
  'stage.name': 1,
  'stage.startedAt': 1,
  'stage.dueAt': 1,
} as const;

const EVENT_FIELDS = {
  caseId: 1,
  seq: 1,
  action: 1,
  at: 1,
  actorId: 1,
  actorRole: 1,
  'data.leftStage': 1,
  'data.withinLimit': 1,
  'data.approved': 1,
  'data.teamId': 1,
  'patch.teamId': 1,
  'patch.agencyIds': 1,
  'patch.penalty.major': 1,
  'patch.penalty.decision.withinLimit': 1,
} as const;

type Raw = Record<string, any>;
const idOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

export function toFoldCase(c: Raw): FoldCase {
  return {
    id: String(c._id),
    source: c.source,
    gridId: idOrNull(c.gridId),
    teamId: idOrNull(c.teamId),
    domain: c.domain,
    categoryCode: c.categoryCode,
    reportedAt: new Date(c.reportedAt),
    ...(typeof c.seq === 'number' ? { seq: c.seq } : {}),
    stage: c.stage ? { name: c.stage.name ?? null, startedAt: c.stage.startedAt ?? null, dueAt: c.stage.dueAt ?? null } : null,
  };
}

export function toFoldEvent(e: Raw): FoldEvent {
  const data = e.data ?? {};
  const patch = e.patch ?? {};
  return {
    seq: e.seq,
    action: e.action,
    at: new Date(e.at),
    actorId: idOrNull(e.actorId),
    actorRole: e.actorRole ?? null,
    data: { ...data, ...('teamId' in data ? { teamId: idOrNull(data.teamId) } : {}) },
    patch: {
      ...patch,
      ...('teamId' in patch ? { teamId: idOrNull(patch.teamId) } : {}),
      ...(Array.isArray(patch.agencyIds) ? { agencyIds: patch.agencyIds.map(String) } : {}),
    },
  };
}

/** Cases reported before `before` with all their events, one at a time. */
export async function* streamTimelines(before: Date, batchSize = 5000, spill: SpillOptions = DEFAULT_SPILL): AsyncGenerator<CaseTimeline> {
  const grouper = new TimelineGrouper(spill);
  try {
    // Both collections at once: the database decodes them on two cores instead of one after the other.
    await Promise.all([
      (async () => {
        for await (const c of CaseModel.find({ reportedAt: { $lt: before } }, CASE_FIELDS).lean<Raw[]>().cursor({ batchSize })) await grouper.addCase(toFoldCase(c));
      })(),
      (async () => {
        for await (const e of CaseEventModel.find({}, EVENT_FIELDS).lean<Raw[]>().cursor({ batchSize })) await grouper.addEvent(String(e.caseId), toFoldEvent(e));
      })(),
    ]);
    yield* grouper.timelines();
  } finally {
    await grouper.dispose();
  }
}

/** The same timelines, loaded whole into memory first (the benchmark's baseline). */
export async function loadTimelines(before: Date): Promise<CaseTimeline[]> {
  const [cases, events] = await Promise.all([
    CaseModel.find({ reportedAt: { $lt: before } }, CASE_FIELDS).lean<Raw[]>(),
    CaseEventModel.find({}, EVENT_FIELDS).lean<Raw[]>(),
  ]);
  const byCase = new Map<string, FoldEvent[]>();
  for (const e of events) {
    const key = String(e.caseId);
    let list = byCase.get(key);
    if (!list) byCase.set(key, (list = []));
    list.push(toFoldEvent(e));
  }
  return cases.map((c) => ({ kase: toFoldCase(c), events: (byCase.get(String(c._id)) ?? []).sort((a, b) => a.seq - b.seq) }));
}

/** Inspectors per grid cell (users' scope), for the missed-report rate. */
export async function inspectorsByGrid(): Promise<Map<string, string[]>> {
  const rows = await UserModel.find({ role: 'inspector' }, { gridIds: 1 }).lean<{ _id: Types.ObjectId; gridIds: Types.ObjectId[] }[]>();
  const map = new Map<string, string[]>();
  for (const u of rows) {
    for (const g of u.gridIds ?? []) {
      const key = String(g);
      map.set(key, [...(map.get(key) ?? []), String(u._id)].sort());
    }
  }
  return map;
}

export interface Label {
  code: string;
  name: { zh: string; en: string };
}

/** Names of the keys that appear in a result (teams are all listed, so a team without cases shows "—"). */
export async function labelsFor(keys: { grid: string[]; agency: string[]; category: string[]; users: string[] }) {
  const oids = (ids: string[]) => ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
  type Row = { _id: unknown; code: string; name: { zh: string; en: string } };
  const [teams, grids, agencies, categories, users] = await Promise.all([
    TeamModel.find({}, { code: 1, name: 1, active: 1 }).lean<(Row & { active?: boolean })[]>(),
    keys.grid.length ? GridCellModel.find({ _id: { $in: oids(keys.grid) } }, { code: 1, name: 1 }).lean<Row[]>() : [],
    keys.agency.length ? AgencyModel.find({ _id: { $in: oids(keys.agency) } }, { code: 1, name: 1 }).lean<Row[]>() : [],
    keys.category.length ? CategoryModel.find({ _id: { $in: keys.category } }, { name: 1 }).lean<{ _id: string; name: Row['name'] }[]>() : [],
    keys.users.length ? UserModel.find({ _id: { $in: oids(keys.users) } }, { username: 1, displayName: 1 }).lean<{ _id: unknown; username: string; displayName: string }[]>() : [],
  ]);
  const map = (rows: Row[]) => new Map(rows.map((r) => [String(r._id), { code: r.code, name: { zh: r.name.zh, en: r.name.en } }]));
  return {
    teams: map(teams),
    activeTeams: teams.filter((t) => t.active !== false).map((t) => String(t._id)),
    grid: map(grids),
    agency: map(agencies),
    category: new Map(categories.map((c) => [String(c._id), { code: String(c._id), name: { zh: c.name.zh, en: c.name.en } }])),
    users: new Map(users.map((u) => [String(u._id), { code: u.username, name: { zh: u.displayName, en: u.displayName } }])),
  };
}

/** Users holding a position now (all of them, so someone with nothing to count shows "—"). */
export async function positionHolders(role: 'inspector' | 'dispatcher'): Promise<string[]> {
  const rows = await UserModel.find({ role, disabled: { $ne: true } }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
  return rows.map((r) => String(r._id)).sort();
}

/** Case numbers and statuses for a drill-down list. */
export async function caseSummaries(ids: string[]) {
  if (!ids.length) return new Map<string, { caseNo: string; status: string }>();
  const rows = await CaseModel.find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }, { caseNo: 1, status: 1 }).lean<{ _id: Types.ObjectId; caseNo: string; status: string }[]>();
  return new Map(rows.map((r) => [String(r._id), { caseNo: r.caseNo, status: r.status }]));
}
