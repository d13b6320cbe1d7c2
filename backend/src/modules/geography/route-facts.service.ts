import { performance } from 'node:perf_hooks';
import type { Types } from 'mongoose';
import type { LocalizedName } from '../../contracts';
import { GridCellModel, onOrgChanged, orgLabels, orgVersion, teams, zones, type OrgLabel } from '../org';
import { activeVersion } from './geography.repository';
import { VersionedCache } from './versioned-cache.workflow';

/** How long this process trusts the org version before reading it again (as the geometry pointer). */
const ORG_TTL_MS = 1000;

export interface TeamFacts extends OrgLabel {
  id: string;
  leaderId: string | null;
}

/**
 * What routeIncident needs besides geometry, for every team, zone and cell at once: reading them
 * per call scanned FerretDB collections (teams for the domain team; a cell by `_id` still costs
 * ~2 µs per stored cell). Loaded in one pass per org version, shared by concurrent callers.
 */
export interface RouteFacts {
  teams: Map<string, TeamFacts>;
  /** Domain → the active domain team taking it (lowest code). */
  domainTeams: Map<string, TeamFacts>;
  zones: Map<string, OrgLabel & { teamId: string | null }>;
  cells: Map<string, OrgLabel & { inspectorIds: string[] }>;
}

const label = (d: { code: string; name: LocalizedName }): OrgLabel => ({ code: d.code, name: { zh: d.name.zh, en: d.name.en } });
const idOrNull = (v: Types.ObjectId | null | undefined) => (v ? String(v) : null);

async function loadFacts(): Promise<RouteFacts> {
  type CellRow = { _id: Types.ObjectId; code: string; name: LocalizedName; inspectorIds?: Types.ObjectId[] };
  const [teamDocs, zoneDocs, cellDocs] = await Promise.all([
    teams.all(),
    zones.all(),
    GridCellModel.find({}, { code: 1, name: 1, inspectorIds: 1 }).lean<CellRow[]>(),
  ]);
  const facts: RouteFacts = { teams: new Map(), domainTeams: new Map(), zones: new Map(), cells: new Map() };
  for (const t of teamDocs) {
    const team = { id: String(t._id), ...label(t), leaderId: idOrNull(t.leaderId) };
    facts.teams.set(team.id, team);
    // teams.all() is sorted by code: the first active domain team of a domain keeps it.
    if (t.kind === 'domain' && t.active !== false) for (const d of t.domains) if (!facts.domainTeams.has(d)) facts.domainTeams.set(d, team);
  }
  for (const z of zoneDocs) facts.zones.set(String(z._id), { ...label(z), teamId: idOrNull(z.teamId) });
  for (const c of cellDocs) facts.cells.set(String(c._id), { ...label(c), inspectorIds: (c.inspectorIds ?? []).map(String) });
  return facts;
}

/**
 * The org facts for the current org version. Writes in this process (the org repository) drop
 * them at once; other processes' writes are seen within ORG_TTL_MS through the shared org stamp,
 * and geometry imports (which also set zone teams and cell inspectors) through the active zone
 * and grid-cell versions.
 */
const factsCache = new VersionedCache<string, RouteFacts>({
  readVersion: async () => {
    const [org, zonesVersion, cellsVersion] = await Promise.all([orgVersion(), activeVersion('zones'), activeVersion('grid-cells')]);
    return `${org}|${zonesVersion}|${cellsVersion}`;
  },
  build: loadFacts,
  now: () => performance.now(),
  ttlMs: ORG_TTL_MS,
});

onOrgChanged(() => factsCache.invalidate());

/** Drops the facts now (a geometry import in this process changed zone teams or cell inspectors). */
export function routeFactsChanged(): void {
  factsCache.invalidate();
}

export async function routeFacts(): Promise<RouteFacts> {
  return (await factsCache.get()).value;
}

type LabelIds = { gridIds?: string[]; zoneIds?: string[]; teamIds?: string[] };
type Labels = { grids: Map<string, OrgLabel>; zones: Map<string, OrgLabel>; teams: Map<string, OrgLabel> };

/**
 * Display names of cells, zones and teams (case views and lists), from the route facts held in
 * memory rather than a read per id. Ids the facts lack (created by another process within the
 * last second) are read from the org collections.
 */
export async function orgLabelsOf(ids: LabelIds): Promise<Labels> {
  const facts = await routeFacts();
  const out: Labels = { grids: new Map(), zones: new Map(), teams: new Map() };
  const missing = { gridIds: [] as string[], zoneIds: [] as string[], teamIds: [] as string[] };
  const take = (from: Map<string, OrgLabel>, wanted: string[] | undefined, into: Map<string, OrgLabel>, miss: string[]) => {
    for (const id of wanted ?? []) {
      const l = from.get(id);
      if (l) into.set(id, { code: l.code, name: l.name });
      else miss.push(id);
    }
  };
  take(facts.cells, ids.gridIds, out.grids, missing.gridIds);
  take(facts.zones, ids.zoneIds, out.zones, missing.zoneIds);
  take(facts.teams, ids.teamIds, out.teams, missing.teamIds);
  if (missing.gridIds.length + missing.zoneIds.length + missing.teamIds.length > 0) {
    const more = await orgLabels(missing);
    for (const k of ['grids', 'zones', 'teams'] as const) for (const [id, l] of more[k]) out[k].set(id, l);
  }
  return out;
}
