import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Types } from 'mongoose';
import { REPO_ROOT } from '../../config';
import { systemClock, type AppContext } from '../../core/context';
import { createLogger } from '../../core/logger';
import { UserModel, deriveInspectorGrids } from '../users';
import { agencies, cells, teams, zones } from '../org';
import type { ImportKind } from './feature-validation.workflow';
import { importGeometry } from './geo-import.service';
import { activeVersion, findLayer } from './geography.repository';

/** The 白沙镇 demo geography written by fixtures/geo/generate-baisha.ts. */
export const DEMO_GEO_DIR = path.join(REPO_ROOT, 'fixtures', 'geo');

type Ctx = Pick<AppContext, 'clock' | 'logger'>;
type Name = { zh: string; en: string };
interface DemoOrg {
  agencies: { code: string; name: Name; kind: 'stationed' | 'district' }[];
  teams: { code: string; name: Name; kind: 'zone' | 'domain'; domains: string[]; colour: string }[];
  staff: {
    leaders: { teamCode: string; username: string; displayName: string }[];
    inspectors: { username: string; displayName: string; cells: string[] }[];
  };
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(path.join(DEMO_GEO_DIR, file), 'utf8')) as T;
const defaultCtx = (): Ctx => ({ clock: systemClock, logger: createLogger('warn') });

/** Imports a layer unless the active version came from the very same file. */
async function loadLayer(ctx: Ctx, kind: ImportKind, file: string): Promise<number> {
  const text = readFileSync(path.join(DEMO_GEO_DIR, file), 'utf8');
  const sourceHash = createHash('sha256').update(text).digest('hex');
  const active = await activeVersion(kind);
  if (active !== null && (await findLayer(kind, active))?.sourceHash === sourceHash) return active;
  const job = await importGeometry(ctx, kind, (JSON.parse(text) as { features: unknown[] }).features, { sourceHash });
  if (job.status !== 'done' || job.version === null || job.version === undefined) {
    throw new Error(`demo ${kind} import failed: ${JSON.stringify((job.issues ?? []).slice(0, 5))}`);
  }
  return job.version;
}

export interface DemoGeographySummary {
  agencies: number;
  teams: number;
  zonesVersion: number;
  cellsVersion: number;
  linked: { leaders: number; cells: number };
}

/**
 * Loads the demo organisation and geometry: agencies and teams by code (missing ones inserted,
 * existing ones left alone), then zones and grid cells as geometry imports (skipped when the
 * active version came from the same file), then links the expected staff who already exist.
 * Safe to run any number of times.
 */
export async function loadDemoGeography(ctx: Ctx = defaultCtx()): Promise<DemoGeographySummary> {
  const org = readJson<DemoOrg>('baisha-org.json');
  const haveAgencies = new Set((await agencies.all()).map((a) => a.code));
  for (const a of org.agencies) if (!haveAgencies.has(a.code)) await agencies.insert({ ...a, active: true });
  const haveTeams = new Set((await teams.all()).map((t) => t.code));
  for (const t of org.teams) {
    if (!haveTeams.has(t.code)) await teams.insert({ ...t, domains: t.domains as never, leaderId: null, active: true });
  }
  const zonesVersion = await loadLayer(ctx, 'zones', 'baisha-zones.geojson');
  const cellsVersion = await loadLayer(ctx, 'grid-cells', 'baisha-grid-cells.geojson');
  const linked = await linkDemoStaff();
  return { agencies: org.agencies.length, teams: org.teams.length, zonesVersion, cellsVersion, linked };
}

export interface DemoStaffPlan {
  leaders: { username: string; displayName: string; teamCode: string; teamId: string | null }[];
  inspectors: { username: string; displayName: string; cellCodes: string[]; gridIds: string[]; teamId: string | null }[];
}

/**
 * The users the demo expects (usernames, display names) with the ids of their team and cells,
 * for the seeding code to create them (after loadDemoGeography), then call linkDemoStaff.
 */
export async function demoStaffPlan(): Promise<DemoStaffPlan> {
  const { staff } = readJson<DemoOrg>('baisha-org.json');
  const [teamList, zoneList, cellList] = await Promise.all([teams.all(), zones.all(), cells.all()]);
  const teamId = new Map(teamList.map((t) => [t.code, String(t._id)]));
  const zoneTeam = new Map(zoneList.map((z) => [String(z._id), String(z.teamId)]));
  const cellByCode = new Map(cellList.map((c) => [c.code, c]));
  return {
    leaders: staff.leaders.map((l) => ({ ...l, teamId: teamId.get(l.teamCode) ?? null })),
    inspectors: staff.inspectors.map((i) => {
      const mine = i.cells.map((c) => cellByCode.get(c)).filter((c) => c !== undefined);
      return {
        username: i.username,
        displayName: i.displayName,
        cellCodes: i.cells,
        gridIds: mine.map((c) => String(c._id)),
        teamId: mine[0] ? (zoneTeam.get(String(mine[0].zoneId)) ?? null) : null,
      };
    }),
  };
}

/**
 * Makes the expected users that exist the team leaders and cell inspectors, where a team has no
 * leader yet or a cell no inspectors yet (an admin's later choice is never overwritten).
 */
export async function linkDemoStaff(): Promise<{ leaders: number; cells: number }> {
  const { staff } = readJson<DemoOrg>('baisha-org.json');
  const usernames = [...staff.leaders.map((l) => l.username), ...staff.inspectors.map((i) => i.username)];
  const users = await UserModel.find({ username: { $in: usernames } }, { username: 1, role: 1 }).lean<{ _id: Types.ObjectId; username: string; role: string }[]>();
  const byName = new Map(users.map((u) => [u.username, u]));
  let leaders = 0;
  for (const t of await teams.all()) {
    const l = staff.leaders.find((s) => s.teamCode === t.code);
    const u = l && byName.get(l.username);
    if (t.leaderId || !u || u.role !== 'team_leader') continue;
    await teams.update(t._id, { leaderId: u._id });
    leaders++;
  }
  let linkedCells = 0;
  for (const c of await cells.all()) {
    if (c.inspectorIds?.length) continue;
    const ids = staff.inspectors
      .filter((i) => i.cells.includes(c.code))
      .map((i) => byName.get(i.username))
      .filter((u) => u?.role === 'inspector')
      .map((u) => u!._id);
    if (!ids.length) continue;
    await cells.update(c._id, { inspectorIds: ids });
    linkedCells++;
  }
  // The cells are the source of truth for who inspects what; the demo inspectors' gridIds follow.
  if (linkedCells) await deriveInspectorGrids(users.filter((u) => u.role === 'inspector').map((u) => String(u._id)));
  return { leaders, cells: linkedCells };
}
