import { performance } from 'node:perf_hooks';
import { badRequest, unprocessable } from '../../core/errors';
import { getCategory } from '../catalogue';
import type { OrgLabel } from '../org';
import { CellIndex, type IndexCell } from './cell-index.workflow';
import type { ImportKind } from './feature-validation.workflow';
import { unflattenParts } from './flat-geometry.workflow';
import { activeVersion, readFeatures } from './geography.repository';
import { routeFacts, routeFactsChanged } from './route-facts.service';
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
  // An import also sets zone teams and cell inspectors (org documents) before activating.
  routeFactsChanged();
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

/** A route with what a caller shows about it: org labels and the cell's responsible inspectors. */
export interface RouteDetail {
  route: RouteResult;
  labels: { grid: OrgLabel | null; zone: OrgLabel | null; team: OrgLabel | null };
  inspectorIds: string[];
}

/**
 * Routes an incident and says what the route is made of. Everything but the category comes
 * from memory: the cell index and the org facts (route-facts.service.ts), both versioned.
 */
export async function explainRoute(point: [number, number], categoryCode: string): Promise<RouteDetail> {
  const category = await getCategory(categoryCode);
  if (!category) throw unprocessable('UNKNOWN_CATEGORY', `Unknown category ${categoryCode}`, { category: categoryCode });
  const [{ version, cell }, facts] = await Promise.all([locateCell(point), routeFacts()]);
  if (!cell) {
    const route = decideRoute({ cell: null, zoneTeam: null, domainTeam: null, defaultTier: category.defaultTier, geometryVersion: version });
    return { route, labels: { grid: null, zone: null, team: null }, inspectorIds: [] };
  }
  const cellFacts = facts.cells.get(cell.id);
  const zone = facts.zones.get(cell.zoneId);
  const zoneTeam = zone?.teamId ? facts.teams.get(zone.teamId) : undefined;
  const domainTeam = facts.domainTeams.get(category.domain);
  const inspectorIds = cellFacts?.inspectorIds ?? [];
  const route = decideRoute({
    cell: { id: cell.id, code: cell.code, zoneId: cell.zoneId, inspectorIds },
    zoneTeam: zoneTeam ? { id: zoneTeam.id, leaderId: zoneTeam.leaderId } : null,
    domainTeam: domainTeam ? { id: domainTeam.id, leaderId: domainTeam.leaderId } : null,
    defaultTier: category.defaultTier,
    geometryVersion: version,
  });
  const team = route.teamId ? facts.teams.get(route.teamId) : undefined;
  const labelOf = (l: OrgLabel | undefined): OrgLabel | null => (l ? { code: l.code, name: { zh: l.name.zh, en: l.name.en } } : null);
  return { route, labels: { grid: labelOf(cellFacts), zone: labelOf(zone), team: labelOf(team) }, inspectorIds: [...inspectorIds] };
}

/**
 * Routes an incident: the grid cell containing the point, its zone, the team (the category's
 * domain team, else the zone's team), the tier (the category's default) and the holder.
 * Outside every cell → bureau dispatch queue, `outside: true`. See decideRoute for the rule.
 */
export async function routeIncident(point: [number, number], categoryCode: string): Promise<RouteResult> {
  return (await explainRoute(point, categoryCode)).route;
}
