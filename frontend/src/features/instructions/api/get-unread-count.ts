import { useQuery } from '@tanstack/react-query';
import { api, type PageBody } from '@/lib/api-client';
import { useLiveRefetchInterval } from '@/lib/live-updates';
import { instructionKeys, type InboxItem } from './types';

/** The unread count for the navigation badge (`meta.unread` of a one-row inbox page). */
export function useUnreadInstructions(enabled: boolean) {
  const refetchInterval = useLiveRefetchInterval();
  return useQuery({
    queryKey: instructionKeys.unread,
    queryFn: async () => (await api<PageBody<InboxItem> & { meta?: { unread?: number } }>('/instructions/inbox', { query: { limit: 1 } })).meta?.unread ?? 0,
    enabled,
    refetchInterval,
    meta: { toast: false },
  });
}
