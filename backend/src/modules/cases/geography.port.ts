import type { LocalizedName, Tier } from '../../contracts';

/**
 * What the case module needs from geography and the catalogue (routing, categories, names).
 * The geography module provides it; app.ts plugs it in with `useGeography()` so that the case
 * module depends on this port only.
 */
export interface RouteResult {
  gridId: string | null;
  gridCode: string | null;
  zoneId: string | null;
  teamId: string | null;
  tier: Tier;
  holderId: string | null;
  outside: boolean;
  geometryVersion: number | null;
}

export interface CategoryInfo {
  code: string;
  name: LocalizedName;
  domain: string;
  penaltyCapable: boolean;
  active?: boolean;
  deadlines: { file: number; dispatch: number; handle: number; verify: number };
  urgentDeadlines?: Partial<{ file: number; dispatch: number; handle: number; verify: number }> | null;
}

export interface OrgLabel {
  code: string;
  name?: LocalizedName;
}

export interface GeographyPort {
  routeIncident(point: [number, number], categoryCode: string): Promise<RouteResult>;
  getCategory(code: string): Promise<CategoryInfo | null>;
  orgLabels(ids: { gridIds: string[]; zoneIds: string[]; teamIds: string[] }): Promise<{
    grids: Map<string, OrgLabel>;
    zones: Map<string, OrgLabel>;
    teams: Map<string, OrgLabel>;
  }>;
}

let port: GeographyPort | null = null;

export function useGeography(p: GeographyPort): void {
  port = p;
}

export function geography(): GeographyPort {
  if (!port) throw new Error('geography port not registered (app.ts calls useGeography)');
  return port;
}
