import { useInfiniteQuery } from '@tanstack/react-query';
import { api, type PageBody } from '@/lib/api-client';
import { useLiveRefetchInterval } from '@/lib/live-updates';
import { jointKeys, type JointCaseDto, type JointStatus } from './types';

export interface JointCaseFilters {
  status?: JointStatus;
  caseId?: string;
}

/** `GET /api/v1/joint-cases`: the joint cases in the caller's scope, newest first, cursor-paged. */
export function useJointCases(filters: JointCaseFilters) {
  const refetchInterval = useLiveRefetchInterval();
  return useInfiniteQuery({
    queryKey: jointKeys.list(filters),
    queryFn: ({ pageParam }) => api<PageBody<JointCaseDto>>('/joint-cases', { query: { ...filters, cursor: pageParam, limit: 50 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.meta?.nextCursor ?? undefined,
    refetchInterval,
  });
}
