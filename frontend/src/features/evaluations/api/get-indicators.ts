import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import { evaluationKeys, type IndicatorsDto, type Level } from './types';

/** `GET /api/v1/evaluations/indicators`: one level's figures for a period. */
export function useIndicators(period: string, level: Level) {
  return useQuery({
    queryKey: evaluationKeys.indicators(period, level),
    queryFn: async () => (await api<DataBody<IndicatorsDto>>('/evaluations/indicators', { query: { period, level } })).data,
    placeholderData: keepPreviousData,
    meta: { toast: false },
  });
}
