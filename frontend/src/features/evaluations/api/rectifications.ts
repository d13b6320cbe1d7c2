import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchAllPages, api, type DataBody } from '@/lib/api-client';
import { evaluationKeys, reviewKeys, type RectificationDto } from './types';

/** `GET /api/v1/evaluations/rectifications` (every page): a team leader gets their team's only. */
export function useRectifications(batchId: string | null) {
  return useQuery({
    queryKey: reviewKeys.rectifications(batchId),
    queryFn: () => fetchAllPages<RectificationDto>('/evaluations/rectifications', batchId ? { batchId } : {}),
  });
}

/** `POST …/rectifications/:id/done` (the team's leader, with evidence): open → done. */
export function useMarkRectificationDone() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (v: { id: string; evidence: string }) =>
      (await api<DataBody<RectificationDto>>(`/evaluations/rectifications/${encodeURIComponent(v.id)}/done`, { method: 'POST', body: { evidence: v.evidence } })).data,
    onSuccess: () => void qc.invalidateQueries({ queryKey: evaluationKeys.all }),
  });
}

/** `POST …/rectifications/:id/confirm` (legal office): done → confirmed, or back to open. */
export function useConfirmRectification() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (v: { id: string; accepted: boolean; note?: string }) =>
      (await api<DataBody<RectificationDto>>(`/evaluations/rectifications/${encodeURIComponent(v.id)}/confirm`, { method: 'POST', body: { accepted: v.accepted, ...(v.note ? { note: v.note } : {}) } })).data,
    onSuccess: () => void qc.invalidateQueries({ queryKey: evaluationKeys.all }),
  });
}
