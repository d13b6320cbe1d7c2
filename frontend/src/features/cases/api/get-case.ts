import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CaseDto } from '@gridenforce/backend/contracts';
import { api, type DataBody } from '@/lib/api-client';
import { useLiveRefetchInterval } from '@/lib/live-updates';

/** `GET /api/v1/cases/:id`, with the actions the server allows this caller now. */
export const caseQuery = (id: string) =>
  queryOptions({
    queryKey: ['case', id],
    queryFn: async () => (await api<DataBody<CaseDto>>(`/cases/${encodeURIComponent(id)}`)).data,
    staleTime: 5_000,
  });

export function useCase(id: string | undefined) {
  const refetchInterval = useLiveRefetchInterval();
  return useQuery({ ...caseQuery(id ?? ''), enabled: !!id, refetchInterval, meta: { toast: false } });
}
