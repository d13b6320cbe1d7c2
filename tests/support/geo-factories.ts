import { Types } from 'mongoose';
import type { Domain } from '../../backend/src/contracts';
import { exportLayer, importGeometry } from '../../backend/src/modules/geography';
import { agencies, teams, type AgencyDoc, type TeamDoc } from '../../backend/src/modules/org';
import type { TestApp } from './app';
import { buildUser, uniq } from './factories';

export type Ring = [number, number][];

/** A closed rectangle ring [lng, lat], counter-clockwise. */
export const rect = (x0: number, y0: number, x1: number, y1: number): Ring => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

export const polygonFeature = (rings: Ring[], properties: Record<string, unknown>) => ({
  type: 'Feature' as const,
  properties,
  geometry: { type: 'Polygon' as const, coordinates: rings },
});

export interface TeamOverrides {
  code?: string;
  kind?: 'zone' | 'domain';
  domains?: Domain[];
  leaderId?: string | Types.ObjectId | null;
  colour?: string | null;
}

/** A team straight in the database (zone team unless told). */
export async function buildTeam(o: TeamOverrides = {}): Promise<TeamDoc> {
  const kind = o.kind ?? (o.domains?.length ? 'domain' : 'zone');
  return teams.insert({
    code: o.code ?? uniq('T-'),
    name: { zh: '测试中队', en: 'Test Team' },
    kind,
    domains: o.domains ?? [],
    leaderId: o.leaderId ? new Types.ObjectId(String(o.leaderId)) : null,
    colour: o.colour ?? null,
    active: true,
  });
}

export async function buildAgency(o: { code?: string; kind?: 'stationed' | 'district' } = {}): Promise<AgencyDoc> {
  return agencies.insert({ code: o.code ?? uniq('ag-'), name: { zh: '测试机构', en: 'Test Agency' }, kind: o.kind ?? 'stationed', active: true });
}

let layerQueue: Promise<unknown> = Promise.resolve();

/**
 * Imports features into a layer on top of what is active (an import replaces the whole layer).
 * Calls are queued, so factories running concurrently do not drop each other's features.
 */
export function addToLayer(t: TestApp, kind: 'zones' | 'grid-cells', features: unknown[]): Promise<number> {
  const run = layerQueue.then(async () => {
    const current = await exportLayer(kind);
    const job = await importGeometry(t.ctx, kind, [...current.features, ...features]);
    if (job.status !== 'done') throw new Error(`factory ${kind} import failed: ${JSON.stringify(job.issues)}`);
    return job.version!;
  });
  layerQueue = run.catch(() => undefined);
  return run;
}

let placed = 0;

export interface ZoneWithCells {
  team: TeamDoc;
  zone: { id: string; code: string };
  /** Cells left to right, then bottom to top; `ring` is the outer ring, `centre` a point inside. */
  cells: { id: string; code: string; ring: Ring; centre: [number, number]; inspectorIds: string[] }[];
  cellsVersion: number;
  /** Cell size in degrees and the zone's south-west corner. */
  size: number;
  origin: [number, number];
}

/**
 * A zone team (unless given), a rectangular zone and `cols × rows` square cells tiling it, each
 * with its own inspector (unless `inspectors: false`). Every call lands somewhere new near 白沙镇.
 */
export async function buildZoneWithCells(
  t: TestApp,
  o: { team?: TeamDoc; cols?: number; rows?: number; size?: number; inspectors?: boolean; origin?: [number, number] } = {},
): Promise<ZoneWithCells> {
  const cols = o.cols ?? 2;
  const rows = o.rows ?? 1;
  const size = o.size ?? 0.002;
  const origin = o.origin ?? [106.0 + 0.05 * (placed % 20), 29.0 + 0.05 * Math.floor(placed / 20)];
  placed++;
  const team = o.team ?? (await buildTeam());
  const zoneCode = uniq('Z-');
  await addToLayer(t, 'zones', [
    polygonFeature([rect(origin[0], origin[1], origin[0] + cols * size, origin[1] + rows * size)], { code: zoneCode, name: '测试片区', teamId: String(team._id) }),
  ]);
  const zoneId = String((await exportLayer('zones')).features.find((f) => f.properties.code === zoneCode)!.id);
  const specs: { code: string; ring: Ring; centre: [number, number]; inspectorIds: string[] }[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const x0 = origin[0] + c * size;
      const y0 = origin[1] + r * size;
      const inspectorIds = o.inspectors === false ? [] : [String((await buildUser({ role: 'inspector' }))._id)];
      specs.push({ code: `${zoneCode}-${r}${c}`, ring: rect(x0, y0, x0 + size, y0 + size), centre: [x0 + size / 2, y0 + size / 2], inspectorIds });
    }
  }
  const cellsVersion = await addToLayer(
    t,
    'grid-cells',
    specs.map((s) => polygonFeature([s.ring], { code: s.code, name: { zh: '测试网格', en: 'Test cell' }, zoneId, inspectorIds: s.inspectorIds })),
  );
  const ids = new Map((await exportLayer('grid-cells')).features.map((f) => [f.properties.code, f.id]));
  return { team, zone: { id: zoneId, code: zoneCode }, cells: specs.map((s) => ({ ...s, id: ids.get(s.code)! })), cellsVersion, size, origin };
}

/** Polls an import job through the API until it is done or failed. */
export async function waitForImport(t: TestApp, auth: string, id: string): Promise<{ status: string; [k: string]: unknown }> {
  for (let i = 0; i < 600; i++) {
    const res = await t.http().get(`/api/v1/geo/imports/${id}`).set('Authorization', auth);
    if (res.body.data?.status === 'done' || res.body.data?.status === 'failed') return res.body.data;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${id} did not finish`);
}
