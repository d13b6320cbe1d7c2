import { useQueries } from '@tanstack/react-query';
import type { CaseDto } from '@gridenforce/backend/contracts';
import { api, type DataBody } from '@/lib/api-client';

/** `GET /api/v1/cases/:id` for each case a new joint case starts from (number, category, status). */
export function useCaseRefs(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: ['case', id],
      queryFn: async () => (await api<DataBody<CaseDto>>(`/cases/${encodeURIComponent(id)}`)).data,
      staleTime: 30_000,
      meta: { toast: false },
    })),
  });
}
