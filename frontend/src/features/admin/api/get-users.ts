import { useInfiniteQuery } from '@tanstack/react-query';
import type { Role } from '@gridenforce/backend/contracts';
import { api, type PageBody } from '@/lib/api-client';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  gridIds: string[];
  teamId: string | null;
  agencyId: string | null;
  disabled: boolean;
}

/** `GET /api/v1/users` (admin), cursor-paged, optionally filtered. */
export function useUsers(filters: { role?: string; q?: string }) {
  return useInfiniteQuery({
    queryKey: ['users', filters],
    queryFn: ({ pageParam }) => api<PageBody<UserRow>>('/users', { query: { ...filters, cursor: pageParam, limit: 100 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.meta?.nextCursor ?? undefined,
  });
}
