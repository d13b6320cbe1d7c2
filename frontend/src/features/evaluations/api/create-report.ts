import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import type { EvaluationConfig } from '../lib/config';
import { evaluationKeys, type ReportDto } from './types';

/** `POST /api/v1/evaluations/reports` (legal office): a draft report for the period. */
export function useCreateReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { period: string; title?: string; reviewBatchId?: string; config?: EvaluationConfig }) => (await api<DataBody<ReportDto>>('/evaluations/reports', { method: 'POST', body })).data,
    onSuccess: () => void qc.invalidateQueries({ queryKey: evaluationKeys.all }),
  });
}
