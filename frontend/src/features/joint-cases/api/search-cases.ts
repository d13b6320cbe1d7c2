import { useQuery } from '@tanstack/react-query';
import type { CaseDto } from '@gridenforce/backend/contracts';
import { api, type PageBody } from '@/lib/api-client';

/** `GET /api/v1/cases?q=`: open cases by number or text, to add to a new joint case. */
export function useCaseSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ['joint-cases', 'case-search', term],
    queryFn: async () =>
      (await api<PageBody<CaseDto>>('/cases', { query: { q: term, status: ['reported', 'filed', 'dispatched', 'in_progress', 'resolved'], limit: 10 } })).data,
    enabled: term.length >= 2,
    staleTime: 10_000,
  });
}
