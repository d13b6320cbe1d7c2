import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';

/** An enforcement team (中队): a zone team or a domain team. */
export interface Team {
  id: string;
  code?: string;
  name: { zh: string; en: string };
  kind?: 'zone' | 'domain';
  domain?: string | null;
  color?: string | null;
}

export const teamsQuery = queryOptions({
  queryKey: ['teams'],
  queryFn: async () => (await api<DataBody<Team[]>>('/teams')).data ?? [],
  staleTime: 30 * 60_000,
});

export function useTeams() {
  return useQuery({ ...teamsQuery, meta: { toast: false } });
}
