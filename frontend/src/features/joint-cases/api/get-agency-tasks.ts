import { useInfiniteQuery } from '@tanstack/react-query';
import { api, type PageBody } from '@/lib/api-client';
import { useLiveRefetchInterval } from '@/lib/live-updates';
import { jointKeys, type JointTaskDto, type TaskStatus } from './types';

/** `GET /api/v1/joint-cases/tasks`: for a liaison, the tasks of their agency (others: tasks in scope). */
export function useAgencyTasks(filters: { status?: TaskStatus; jointCaseId?: string }) {
  const refetchInterval = useLiveRefetchInterval();
  return useInfiniteQuery({
    queryKey: jointKeys.tasks(filters),
    queryFn: ({ pageParam }) => api<PageBody<JointTaskDto>>('/joint-cases/tasks', { query: { ...filters, cursor: pageParam, limit: 50 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.meta?.nextCursor ?? undefined,
    refetchInterval,
  });
}
