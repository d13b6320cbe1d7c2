import { useMutation } from '@tanstack/react-query';
import type { FeatureCollection } from 'geojson';
import { api, type DataBody } from '@/lib/api-client';

export type GeoImportKind = 'zones' | 'grid-cells';

/** `POST /api/v1/geo/imports` → 202 `{ data: { id, status } }`; the import then runs on the server. */
export async function createGeoImport(kind: GeoImportKind, featureCollection: FeatureCollection): Promise<{ id: string; status: string }> {
  return (await api<DataBody<{ id: string; status: string }>>('/geo/imports', { method: 'POST', body: { kind, featureCollection } })).data;
}

export function useCreateGeoImport() {
  return useMutation({
    mutationFn: (v: { kind: GeoImportKind; featureCollection: FeatureCollection }) => createGeoImport(v.kind, v.featureCollection),
    meta: { toast: false },
  });
}
