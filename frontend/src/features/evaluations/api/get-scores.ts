import { useQuery } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import { evaluationKeys, type ScoresDto } from './types';

/** `GET /api/v1/evaluations/scores`: composite scores and A–E grades of teams, inspectors and dispatchers. */
export function useScores(period: string) {
  return useQuery({
    queryKey: evaluationKeys.scores(period),
    queryFn: async () => (await api<DataBody<ScoresDto>>('/evaluations/scores', { query: { period } })).data,
    meta: { toast: false },
  });
}
