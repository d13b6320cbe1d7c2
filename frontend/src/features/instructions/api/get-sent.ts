import { useInfiniteQuery } from '@tanstack/react-query';
import { api, type PageBody } from '@/lib/api-client';
import { useLiveRefetchInterval } from '@/lib/live-updates';
import { instructionKeys, type SentItem } from './types';

/** `GET /api/v1/instructions/sent`: what the caller sent, with read and acknowledged counts. */
export function useSentInstructions(enabled: boolean) {
  const refetchInterval = useLiveRefetchInterval();
  return useInfiniteQuery({
    queryKey: instructionKeys.sent,
    queryFn: ({ pageParam }) => api<PageBody<SentItem>>('/instructions/sent', { query: { cursor: pageParam, limit: 30 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.meta?.nextCursor ?? undefined,
    enabled,
    refetchInterval,
  });
}
