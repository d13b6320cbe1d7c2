import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Feature, Point } from 'geojson';
import { api, ApiError } from '@/lib/api-client';
import { useLiveRefetchInterval } from '@/lib/live-updates';

/** Properties of `GET /map/clusters` features: a cluster, or one case. */
export interface ClusterProps {
  cluster?: boolean;
  cluster_id?: number;
  point_count?: number;
  /** Zoom at which the cluster splits (supercluster's getClusterExpansionZoom). */
  expansionZoom?: number;
  /** Cases past a deadline inside the cluster, when the server counts them. */
  overdue_count?: number;
  caseId?: string;
  caseNo?: string;
  status?: string;
  tier?: string;
  category?: string;
  overdue?: boolean;
}
export type ClusterFeature = Feature<Point, ClusterProps>;

/** The map's filters in wire form (the same names as `CaseListQuery`). */
export interface MapFilters {
  status?: string[];
  category?: string[];
  domain?: string[];
  tier?: string[];
  teamId?: string;
  overdue?: boolean;
  createdFrom?: string;
  createdTo?: string;
}

export interface Viewport {
  /** WGS84 west, south, east, north. */
  bbox: [number, number, number, number];
  zoom: number;
}

export async function getClusters(view: Viewport, filters: MapFilters, signal?: AbortSignal): Promise<ClusterFeature[]> {
  const body = await api<{ data?: { features?: ClusterFeature[] } | ClusterFeature[] }>('/map/clusters', {
    query: {
      bbox: view.bbox.map((n) => n.toFixed(5)).join(','),
      zoom: view.zoom,
      ...filters,
      overdue: filters.overdue ? 'true' : undefined,
    },
    signal,
  });
  const d = body.data;
  const features = Array.isArray(d) ? d : (d?.features ?? []);
  return features.filter((f) => f?.geometry?.type === 'Point');
}

/**
 * Server-side clusters for the viewport (supercluster on the API: the browser never holds 100,000
 * points). Keeps the previous answer on screen while the next one loads, so pans do not flash.
 */
export function useClusters(view: Viewport | null, filters: MapFilters) {
  const live = useLiveRefetchInterval();
  return useQuery({
    queryKey: ['map-clusters', view, filters],
    queryFn: ({ signal }) => getClusters(view as Viewport, filters, signal),
    enabled: !!view,
    placeholderData: keepPreviousData,
    staleTime: 5_000,
    meta: { toast: false },
    refetchInterval: (q) => (q.state.error instanceof ApiError && q.state.error.status === 404 ? false : live),
  });
}
