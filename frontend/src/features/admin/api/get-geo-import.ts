import { useQuery } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';

export interface GeoImportError {
  index: number;
  property?: string | null;
  reason: string;
}

export interface GeoImportStatus {
  id?: string;
  status: 'validating' | 'writing' | 'done' | 'failed';
  processed: number;
  total: number;
  errors: GeoImportError[];
}

const finished = (s?: GeoImportStatus) => s?.status === 'done' || s?.status === 'failed';

/** `GET /api/v1/geo/imports/:id`, polled every second until the import is done or failed. */
export function useGeoImport(id: string | null) {
  return useQuery({
    queryKey: ['geo-import', id],
    queryFn: async () => (await api<DataBody<GeoImportStatus>>(`/geo/imports/${encodeURIComponent(id ?? '')}`)).data,
    enabled: !!id,
    refetchInterval: (q) => (finished(q.state.data) ? false : 1000),
  });
}
