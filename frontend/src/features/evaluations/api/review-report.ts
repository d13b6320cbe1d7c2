import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import { evaluationKeys, type ReportDto } from './types';

/** `POST /api/v1/evaluations/reports/:id/review` (legal office): draft → reviewed. */
export function useReviewReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => (await api<DataBody<ReportDto>>(`/evaluations/reports/${encodeURIComponent(id)}/review`, { method: 'POST' })).data,
    onSuccess: () => void qc.invalidateQueries({ queryKey: evaluationKeys.all }),
  });
}
