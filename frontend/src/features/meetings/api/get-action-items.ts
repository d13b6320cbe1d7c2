import { useInfiniteQuery } from '@tanstack/react-query';
import { api, type PageBody } from '@/lib/api-client';
import { useLiveRefetchInterval } from '@/lib/live-updates';
import { meetingKeys, type ActionItemDto, type ItemStatus } from './types';

/** `GET /api/v1/meetings/action-items`: the bureau sees all, a liaison their agency's, a team leader their team's. */
export function useActionItems(filters: { status?: ItemStatus; overdue?: boolean; meetingId?: string }) {
  const refetchInterval = useLiveRefetchInterval();
  return useInfiniteQuery({
    queryKey: meetingKeys.items(filters),
    queryFn: ({ pageParam }) =>
      api<PageBody<ActionItemDto>>('/meetings/action-items', {
        query: { ...filters, overdue: filters.overdue === undefined ? undefined : String(filters.overdue), cursor: pageParam, limit: 50 },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.meta?.nextCursor ?? undefined,
    refetchInterval,
  });
}
