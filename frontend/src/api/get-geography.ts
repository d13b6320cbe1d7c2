import { queryOptions, useQuery } from '@tanstack/react-query';
import type { FeatureCollection, Geometry } from 'geojson';
import { api } from '@/lib/api-client';

/** Properties of zones and grid cells as `GET /geo/zones` and `/geo/grid-cells` send them. */
export interface GeoAreaProps {
  id: string;
  code: string;
  name?: { zh: string; en: string } | string;
  teamId?: string | null;
  zoneId?: string | null;
  color?: string | null;
  colour?: string | null;
  [k: string]: unknown;
}
export type GeoAreas = FeatureCollection<Geometry, GeoAreaProps>;

/** The endpoints may send the collection bare or wrapped in `{ data }`. */
function unwrap(body: unknown): GeoAreas {
  const fc = (body as { data?: unknown })?.data ?? body;
  const f = fc as Partial<GeoAreas>;
  return { type: 'FeatureCollection', features: Array.isArray(f?.features) ? f.features : [] };
}

export const zonesQuery = queryOptions({
  queryKey: ['geo', 'zones'],
  queryFn: async () => unwrap(await api('/geo/zones')),
  staleTime: 10 * 60_000,
});

export const gridCellsQuery = queryOptions({
  queryKey: ['geo', 'grid-cells'],
  queryFn: async () => unwrap(await api('/geo/grid-cells')),
  staleTime: 10 * 60_000,
});

export function useZones() {
  return useQuery({ ...zonesQuery, meta: { toast: false } });
}
export function useGridCells() {
  return useQuery({ ...gridCellsQuery, meta: { toast: false } });
}
