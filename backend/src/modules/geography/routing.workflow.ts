import type { Tier } from '../../contracts';

/** Where an incident goes (the agreed interface, AGENTS.md). Ids are strings or null. */
export interface RouteResult {
  gridId: string | null;
  gridCode: string | null;
  zoneId: string | null;
  teamId: string | null;
  tier: Tier;
  /** Responsible person; null means a queue (the bureau's dispatch queue, or a team without leader). */
  holderId: string | null;
  /** No cell contains the point: the bureau's dispatch queue, flagged. */
  outside: boolean;
  /** Grid-cell geometry version the point was located in (null before any geometry exists). */
  geometryVersion: number | null;
}

export interface RouteFacts {
  cell: { id: string; code: string; zoneId: string; inspectorIds: string[] } | null;
  /** The team owning the cell's zone (队管片区). */
  zoneTeam: { id: string; leaderId: string | null } | null;
  /** The domain team (分领域) taking the category's domain, when there is one. */
  domainTeam: { id: string; leaderId: string | null } | null;
  defaultTier: Tier;
  geometryVersion: number | null;
}

/**
 * The tiered routing rule (局管全面、队管片区、员管网格):
 * - outside every cell → bureau, no holder (dispatch queue), flagged `outside`;
 * - team = the category's domain team when one exists, else the zone's team;
 * - tier = the category's default tier: grid → the cell's first inspector; team → the team
 *   leader; bureau → nobody (dispatch queue);
 * - a grid-tier case in a cell without inspectors goes up to the team tier (nobody at grid level
 *   could take it), held by the team leader.
 */
export function decideRoute(f: RouteFacts): RouteResult {
  if (!f.cell) {
    return { gridId: null, gridCode: null, zoneId: null, teamId: null, tier: 'bureau', holderId: null, outside: true, geometryVersion: f.geometryVersion };
  }
  const team = f.domainTeam ?? f.zoneTeam;
  const base = { gridId: f.cell.id, gridCode: f.cell.code, zoneId: f.cell.zoneId, teamId: team?.id ?? null, outside: false, geometryVersion: f.geometryVersion };
  if (f.defaultTier === 'bureau') return { ...base, tier: 'bureau', holderId: null };
  if (f.defaultTier === 'grid' && f.cell.inspectorIds[0]) return { ...base, tier: 'grid', holderId: f.cell.inspectorIds[0] };
  return { ...base, tier: 'team', holderId: team?.leaderId ?? null };
}
