import { useInfiniteQuery } from '@tanstack/react-query';
import { api, type PageBody } from '@/lib/api-client';
import { useLiveRefetchInterval } from '@/lib/live-updates';
import { instructionKeys, type InboxItem } from './types';

type InboxPage = PageBody<InboxItem> & { meta?: { unread?: number } };

/** `GET /api/v1/instructions/inbox`: the caller's instructions, newest first, with the unread count. */
export function useInbox(filters: { unread?: boolean }) {
  const refetchInterval = useLiveRefetchInterval();
  return useInfiniteQuery({
    queryKey: instructionKeys.inbox(filters),
    queryFn: ({ pageParam }) =>
      api<InboxPage>('/instructions/inbox', { query: { unread: filters.unread ? 'true' : undefined, cursor: pageParam, limit: 30 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.meta?.nextCursor ?? undefined,
    refetchInterval,
  });
}
