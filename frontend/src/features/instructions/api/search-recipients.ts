import { useQuery } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';

export interface TargetableUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
  teamId: string | null;
  agencyId: string | null;
}

/**
 * `GET /api/v1/instructions/recipients`: people the caller may name as targets (the bureau
 * anyone, a team leader their team's people), by name or username and optionally one role.
 */
export function useRecipientSearch(q: string, role: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ['instructions', 'recipients', term, role],
    queryFn: async () => (await api<DataBody<TargetableUser[]>>('/instructions/recipients', { query: { q: term || undefined, role: role || undefined, limit: 20 } })).data,
    enabled: term.length >= 1 || role !== '',
    staleTime: 30_000,
  });
}
