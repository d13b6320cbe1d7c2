import { findByIdsMap } from '../../core/by-ids';
import { Types } from 'mongoose';
import type { LocalizedName } from '../../contracts';
import { GridCellModel } from '../org';
import { UserModel } from '../users';
import { routeFacts as route } from './route-facts.service';
import { locateCell } from './routing.service';
import type { RouteDetail } from './routing.service';
import type { RouteResult } from './routing.workflow';

/** A route without a category: everything but the tier, which needs one (null when inside a cell). */
export type PlaceDetail = Omit<RouteDetail, 'route'> & { route: Omit<RouteResult, 'tier'> & { tier: RouteResult['tier'] | null } };

/**
 * What the map's click preview shows besides the route: the cell's village (村、社区) and the
 * names of its responsible inspectors. Read by `_id` (the cell, then each inspector, at most a
 * handful), so no collection is scanned.
 */
export async function locateExtras(gridId: string | null, inspectorIds: string[]): Promise<{
  village: { code: string; name: LocalizedName } | null;
  inspectors: { id: string; displayName: string }[];
}> {
  if (!gridId) return { village: null, inspectors: [] };
  type Village = { code: string; name: LocalizedName } | null;
  const [cell, users] = await Promise.all([
    GridCellModel.findById(gridId, { village: 1 }).lean<{ village?: Village }>(),
    findByIdsMap<{ _id: Types.ObjectId; displayName: string }>(UserModel, inspectorIds.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id)), { projection: { displayName: 1 } }),
  ]);
  const v = cell?.village ?? null;
  return {
    village: v ? { code: v.code, name: { zh: v.name.zh, en: v.name.en } } : null,
    // In the cell's order (the holder first).
    inspectors: inspectorIds.flatMap((id) => {
      const u = users.get(id);
      return u ? [{ id, displayName: u.displayName }] : [];
    }),
  };
}

/**
 * The place alone, for a point located without a category (the map console before a category is
 * chosen): the cell, its zone and the zone's team, the cell's first inspector as the holder, and
 * no tier (the tier and a domain team depend on the category). Outside every cell → the bureau's
 * dispatch queue, as for any incident.
 */
export async function explainPlace(point: [number, number]): Promise<PlaceDetail> {
  const [{ version, cell }, facts] = await Promise.all([locateCell(point), route()]);
  const empty = { grid: null, zone: null, team: null };
  if (!cell) {
    return {
      route: { gridId: null, gridCode: null, zoneId: null, teamId: null, tier: 'bureau', holderId: null, outside: true, geometryVersion: version },
      labels: empty,
      inspectorIds: [],
    };
  }
  const cellFacts = facts.cells.get(cell.id);
  const zone = facts.zones.get(cell.zoneId);
  const team = zone?.teamId ? facts.teams.get(zone.teamId) : undefined;
  const inspectorIds = [...(cellFacts?.inspectorIds ?? [])];
  const label = (l: { code: string; name: LocalizedName } | undefined) => (l ? { code: l.code, name: { zh: l.name.zh, en: l.name.en } } : null);
  return {
    route: {
      gridId: cell.id,
      gridCode: cell.code,
      zoneId: cell.zoneId,
      teamId: team?.id ?? null,
      tier: null,
      holderId: inspectorIds[0] ?? null,
      outside: false,
      geometryVersion: version,
    },
    labels: { grid: label(cellFacts), zone: label(zone), team: label(team) },
    inspectorIds,
  };
}
