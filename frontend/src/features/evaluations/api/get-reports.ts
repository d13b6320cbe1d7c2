import { useQuery } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import { evaluationKeys, type ReportDto } from './types';

/** `GET /api/v1/evaluations/reports?period=`: the report history (the bureau sees published ones only). */
export function useReports(period: string) {
  return useQuery({
    queryKey: evaluationKeys.reports(period),
    queryFn: async () => (await api<DataBody<ReportDto[]>>('/evaluations/reports', { query: { period } })).data,
  });
}
