import { useQuery } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import { reviewKeys, type DrillDto, type DrillSpec } from './types';

/** `GET /api/v1/evaluations/indicators/cases`: exactly the units one figure counted. */
export function useDrillDown(period: string, spec: DrillSpec | null) {
  return useQuery({
    queryKey: reviewKeys.drill(period, spec ?? { level: 'bureau', key: '', indicator: '', part: 'numerator' }),
    queryFn: async () => (await api<DataBody<DrillDto>>('/evaluations/indicators/cases', { query: { period, ...spec! } })).data,
    enabled: !!spec,
    meta: { toast: false },
  });
}
