import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import { evaluationKeys, type ReportDto } from './types';

/** `POST /api/v1/evaluations/reports/:id/publish` (legal office): freezes the snapshot (immutable from then on). */
export function usePublishReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => (await api<DataBody<ReportDto>>(`/evaluations/reports/${encodeURIComponent(id)}/publish`, { method: 'POST' })).data,
    onSuccess: () => void qc.invalidateQueries({ queryKey: evaluationKeys.all }),
  });
}
