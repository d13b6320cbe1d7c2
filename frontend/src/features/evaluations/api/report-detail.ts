import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import { evaluationKeys, reviewKeys, type ReportDetailDto, type ReportDto } from './types';

/** `GET /api/v1/evaluations/reports/:id`: content (frozen once published), `hashValid`, history. */
export function useReportDetail(id: string | null) {
  return useQuery({
    queryKey: reviewKeys.report(id ?? ''),
    queryFn: async () => (await api<DataBody<ReportDetailDto>>(`/evaluations/reports/${encodeURIComponent(id!)}`)).data,
    enabled: !!id,
    meta: { toast: false },
  });
}

/** `POST …/reports/:id/corrections` (legal office): a new draft version that supersedes the published one. */
export function useCorrectReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => (await api<DataBody<ReportDto>>(`/evaluations/reports/${encodeURIComponent(id)}/corrections`, { method: 'POST' })).data,
    onSuccess: () => void qc.invalidateQueries({ queryKey: evaluationKeys.all }),
  });
}
