import { useInfiniteQuery } from '@tanstack/react-query';
import type { CaseDto, CaseStatus, Domain, Tier } from '@gridenforce/backend/contracts';
import { api, type PageBody } from '@/lib/api-client';
import { useLiveRefetchInterval } from '@/lib/live-updates';

/** The filters of `GET /api/v1/cases` that the desk pages use (wire form: lists are comma-joined). */
export interface CaseFilters {
  status?: CaseStatus[];
  tier?: Tier[];
  category?: string[];
  domain?: (Domain | string)[];
  teamId?: string;
  mine?: boolean;
  overdue?: boolean;
  createdFrom?: string;
  createdTo?: string;
  q?: string;
  sort?: 'createdAt' | '-createdAt' | 'updatedAt' | '-updatedAt' | 'dueAt' | '-dueAt';
}

export async function getCases(filters: CaseFilters, cursor?: string, limit = 50): Promise<PageBody<CaseDto>> {
  return api<PageBody<CaseDto>>('/cases', {
    query: {
      ...filters,
      mine: filters.mine ? 'true' : undefined,
      overdue: filters.overdue === undefined ? undefined : String(filters.overdue),
      cursor,
      limit,
    },
  });
}

/**
 * Cursor-paged case list; polls while the live stream is not connected. A work list is asked again
 * whenever a page shows it (not kept for the client's staleTime): a case event that reached the
 * phone before the list was cached, or one lost on a weak network, must not leave "My work" behind.
 */
export function useCases(filters: CaseFilters) {
  const refetchInterval = useLiveRefetchInterval();
  return useInfiniteQuery({
    queryKey: ['cases', 'list', filters],
    queryFn: ({ pageParam }) => getCases(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.meta?.nextCursor ?? undefined,
    refetchInterval,
    refetchOnMount: 'always',
  });
}
