import { performance } from 'node:perf_hooks';
import { badRequest, unprocessable } from '../../core/errors';
import { getCategory } from '../catalogue';
import { cells, domainTeamsFor, teams, zones } from '../org';
import { CellIndex, type IndexCell } from './cell-index.workflow';
import type { ImportKind } from './feature-validation.workflow';
import { unflattenParts } from './flat-geometry.workflow';
import { activeVersion, readFeatures } from './geography.repository';
import { decideRoute, type RouteResult } from './routing.workflow';
import { VersionedCache } from './versioned-cache.workflow';

/** How long this process trusts the active-version pointer before reading it again. */
const POINTER_TTL_MS = 1000;

async function buildIndex(version: number | null): Promise<CellIndex> {
  if (version === null) return new CellIndex([]);
  const features = (await readFeatures('grid-cells', version)) ?? [];
  const list: IndexCell[] = features.map((f) => ({ id: String(f.id), code: f.code, zoneId: String(f.parentId), parts: unflattenParts(f) }));
  return new CellIndex(list);
}

/**
 * The router's cell index for the active grid-cell version. An import in this process
 * invalidates it at once; another API process's import is noticed within POINTER_TTL_MS.
 */
const cellIndex = new VersionedCache<number | null, CellIndex>({
  readVersion: () => activeVersion('grid-cells'),
  build: buildIndex,
  now: () => performance.now(),
  ttlMs: POINTER_TTL_MS,
});

/** Called when a geometry version was activated in this process. */
export function geometryChanged(kind: ImportKind): void {
  if (kind === 'grid-cells') cellIndex.invalidate();
}

/** The active grid-cell version and the cell containing a point (null outside every cell). */
export async function locateCell(point: [number, number]): Promise<{ version: number | null; cell: IndexCell | null }> {
  const [lng, lat] = point;
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90) {
    throw badRequest('INVALID_POINT', 'Point must be [lng, lat] in WGS84');
  }
  const { version, value } = await cellIndex.get();
  return { version, cell: value.locate(lng, lat) };
}

/**
 * Routes an incident: the grid cell containing the point, its zone, the team (the category's
 * domain team, else the zone's team), the tier (the category's default) and the holder.
 * Outside every cell → bureau dispatch queue, `outside: true`. See decideRoute for the rule.
 */
export async function routeIncident(point: [number, number], categoryCode: string): Promise<RouteResult> {
  const category = await getCategory(categoryCode);
  if (!category) throw unprocessable('UNKNOWN_CATEGORY', `Unknown category ${categoryCode}`, { category: categoryCode });
  const { version, cell } = await locateCell(point);
  if (!cell) return decideRoute({ cell: null, zoneTeam: null, domainTeam: null, defaultTier: category.defaultTier, geometryVersion: version });
  const [cellDoc, zoneDoc, domainTeams] = await Promise.all([cells.byId(cell.id), zones.byId(cell.zoneId), domainTeamsFor(category.domain)]);
  const zoneTeamDoc = zoneDoc ? await teams.byId(String(zoneDoc.teamId)) : null;
  const domainTeam = domainTeams[0];
  return decideRoute({
    cell: { id: cell.id, code: cell.code, zoneId: cell.zoneId, inspectorIds: (cellDoc?.inspectorIds ?? []).map(String) },
    zoneTeam: zoneTeamDoc ? { id: String(zoneTeamDoc._id), leaderId: zoneTeamDoc.leaderId ? String(zoneTeamDoc.leaderId) : null } : null,
    domainTeam: domainTeam ? { id: String(domainTeam._id), leaderId: domainTeam.leaderId ? String(domainTeam.leaderId) : null } : null,
    defaultTier: category.defaultTier,
    geometryVersion: version,
  });
}
