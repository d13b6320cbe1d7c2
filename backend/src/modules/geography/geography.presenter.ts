import type { GeoImportDoc } from './geo-import.model';

export interface GeoImportDto {
  id: string;
  kind: string;
  status: string;
  processed: number;
  total: number;
  /** Issues per feature: `index` in the FeatureCollection, `property` path, machine `code`, `reason`. */
  errors: { index: number; property: string; code: string; reason: string }[];
  errorCount: number;
  version: number | null;
  createdAt: string;
  finishedAt: string | null;
}

export const presentImport = (j: GeoImportDoc): GeoImportDto => ({
  id: String(j._id),
  kind: j.kind,
  status: j.status,
  processed: j.processed ?? 0,
  total: j.total,
  errors: (j.issues ?? []).map((i) => ({ index: i.index ?? -1, property: i.property ?? '', code: i.code ?? '', reason: i.reason ?? '' })),
  errorCount: j.errorCount ?? 0,
  version: j.version ?? null,
  createdAt: j.createdAt.toISOString(),
  finishedAt: j.finishedAt ? j.finishedAt.toISOString() : null,
});
