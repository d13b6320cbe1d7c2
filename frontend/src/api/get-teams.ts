import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchAllPages } from '@/lib/api-client';

/** An enforcement team (中队): a zone team or a domain team. */
export interface Team {
  id: string;
  code?: string;
  name: { zh: string; en: string };
  kind?: 'zone' | 'domain' | string;
  domains?: string[];
  /** Display colour hint (the org API spells it `colour`). */
  color?: string | null;
  colour?: string | null;
  active?: boolean;
}

/** `GET /api/v1/org/teams`, every page. */
export const teamsQuery = queryOptions({
  queryKey: ['teams'],
  queryFn: () => fetchAllPages<Team>('/org/teams'),
  staleTime: 30 * 60_000,
});

export function useTeams() {
  return useQuery({ ...teamsQuery, meta: { toast: false } });
}

export const teamColorHint = (t: Team) => t.color ?? t.colour ?? null;
