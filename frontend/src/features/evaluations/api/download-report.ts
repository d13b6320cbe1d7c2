import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export const CSV_TABLES = ['indicators', 'scores', 'reviews', 'comparison'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

/** `GET /api/v1/evaluations/reports/:id/export.pdf|csv`, fetched with the token and saved through an object URL. */
export async function downloadReport(id: string, format: 'pdf' | 'csv', fileName: string, table?: CsvTable): Promise<void> {
  const blob = await api<Blob>(`/evaluations/reports/${encodeURIComponent(id)}/export.${format}`, { ...(table ? { query: { table } } : {}), responseType: 'blob', headers: { Accept: format === 'pdf' ? 'application/pdf' : 'text/csv' } });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function useDownloadReport() {
  return useMutation({ mutationFn: (v: { id: string; format: 'pdf' | 'csv'; fileName: string; table?: CsvTable }) => downloadReport(v.id, v.format, v.fileName, v.table) });
}
