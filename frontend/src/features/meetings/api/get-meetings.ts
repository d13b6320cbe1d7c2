import { useInfiniteQuery } from '@tanstack/react-query';
import { api, type PageBody } from '@/lib/api-client';
import { meetingKeys, type MeetingStatus, type MeetingSummaryDto } from './types';

/** `GET /api/v1/meetings`: meetings in the caller's scope, cursor-paged. */
export function useMeetings(filters: { status?: MeetingStatus }) {
  return useInfiniteQuery({
    queryKey: meetingKeys.list(filters),
    queryFn: ({ pageParam }) => api<PageBody<MeetingSummaryDto>>('/meetings', { query: { ...filters, cursor: pageParam, limit: 50 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.meta?.nextCursor ?? undefined,
  });
}
