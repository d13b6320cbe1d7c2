import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { sessionStore, type SessionUser } from '@/lib/session';

/**
 * `GET /api/v1/auth/me`: checked once per app start so a changed role or scope (or a disabled
 * account, which answers 401) shows at once. The answer may be the user or `{ data: user }`.
 */
export async function getMe(): Promise<SessionUser> {
  const body = await api<SessionUser | { data: SessionUser }>('/auth/me');
  const u = 'data' in body ? body.data : body;
  const user: SessionUser = {
    id: u.id, username: u.username, displayName: u.displayName, role: u.role,
    gridIds: u.gridIds ?? [], teamId: u.teamId ?? null, agencyId: u.agencyId ?? null,
  };
  const s = sessionStore.get();
  if (s && user?.id === s.user.id && JSON.stringify(user) !== JSON.stringify(s.user)) sessionStore.set({ ...s, user });
  return user;
}

export function useMe(enabled: boolean) {
  return useQuery({ queryKey: ['me'], queryFn: getMe, enabled, staleTime: Infinity, retry: false, meta: { toast: false } });
}
