import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import { evaluationKeys, reviewKeys, type ReviewBatchDto, type ReviewBatchSummary, type ReviewItemDto, type Rubric, type RubricDto, type ScoreBody } from './types';

/** `GET /api/v1/evaluations/reviews?period=`: the period's review samples (案卷评查抽样). */
export function useReviewBatches(period: string, enabled = true) {
  return useQuery({
    queryKey: reviewKeys.list(period),
    queryFn: async () => (await api<DataBody<ReviewBatchSummary[]>>('/evaluations/reviews', { query: { period } })).data,
    enabled,
  });
}

/** `GET /api/v1/evaluations/reviews/:id`: the sample's files (with pre-check flags) and rectification items. */
export function useReviewBatch(id: string | null) {
  return useQuery({
    queryKey: reviewKeys.batch(id ?? ''),
    queryFn: async () => (await api<DataBody<ReviewBatchDto>>(`/evaluations/reviews/${encodeURIComponent(id!)}`)).data,
    enabled: !!id,
  });
}

/** `GET /api/v1/evaluations/rubrics`: every rubric version, newest first. */
export function useRubrics() {
  return useQuery({
    queryKey: reviewKeys.rubrics,
    queryFn: async () => (await api<DataBody<RubricDto[]>>('/evaluations/rubrics')).data,
    staleTime: 10 * 60_000,
  });
}

/** `POST /api/v1/evaluations/reviews` (legal office): draw a reproducible sample per team. */
export function useCreateReview() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { period: string; sizePerTeam: number; seed?: number }) =>
      (await api<DataBody<ReviewBatchDto>>('/evaluations/reviews', { method: 'POST', body })).data,
    onSuccess: () => void qc.invalidateQueries({ queryKey: reviewKeys.all }),
  });
}

/** `POST /api/v1/evaluations/review-items/:id/score` (legal office): findings become rectification items. */
export function useScoreItem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (v: { id: string; body: ScoreBody }) =>
      (await api<DataBody<ReviewItemDto>>(`/evaluations/review-items/${encodeURIComponent(v.id)}/score`, { method: 'POST', body: v.body })).data,
    onSuccess: () => void qc.invalidateQueries({ queryKey: evaluationKeys.all }),
  });
}

/** `POST /api/v1/evaluations/rubrics` (legal office): a new rubric version; new samples are scored against it. */
export function useCreateRubric() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (rubric: Rubric) => (await api<DataBody<RubricDto>>('/evaluations/rubrics', { method: 'POST', body: rubric })).data,
    onSuccess: () => void qc.invalidateQueries({ queryKey: reviewKeys.rubrics }),
  });
}
