import { useQuery } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import { evaluationKeys, type IndicatorsDto, type Level } from './types';

/** `GET /api/v1/evaluations/indicators`: one level's figures for a period. */
export function useIndicators(period: string, level: Level) {
  return useQuery({
    queryKey: evaluationKeys.indicators(period, level),
    queryFn: async () => (await api<DataBody<IndicatorsDto>>('/evaluations/indicators', { query: { period, level } })).data,
    // While another period of the same level loads, its figures stay on screen; another level's
    // rows never stand in (a team's row was briefly shown as the bureau's figure).
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[3] === level ? previous : undefined),
    meta: { toast: false },
  });
}
