import { useInfiniteQuery } from '@tanstack/react-query';
import type { Role } from '@gridenforce/backend/contracts';
import { api, type PageBody } from '@/lib/api-client';

/** A user as `GET /api/v1/users` presents it. */
export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  gridIds: string[];
  teamId: string | null;
  agencyId: string | null;
  phone: string | null;
  locale: string;
  disabled: boolean;
  createdAt: string | null;
  updatedAt: string | null;
}

/** The list filters the users API accepts (empty values are left out of the query). */
export interface UserFilters {
  role?: string;
  teamId?: string;
  agencyId?: string;
  disabled?: 'true' | 'false';
  q?: string;
}

export const userKeys = {
  all: ['users'] as const,
  list: (f: UserFilters) => ['users', 'list', f] as const,
};

/** `GET /api/v1/users` (admin), cursor-paged, optionally filtered. */
export function useUsers(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: userKeys.list(filters),
    queryFn: ({ pageParam }) => api<PageBody<UserRow>>('/users', { query: { ...filters, cursor: pageParam, limit: 50 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.meta?.nextCursor ?? undefined,
  });
}
