import { useQuery } from '@tanstack/react-query';
import { fetchAllPages } from '@/lib/api-client';

export interface Agency {
  id: string;
  code?: string;
  name: { zh: string; en: string };
}

/**
 * Stationed and district agencies (`/org/agencies`, every page): referrals, joint cases, meetings.
 */
export function useAgencies(enabled = true) {
  return useQuery({
    queryKey: ['agencies'],
    queryFn: () => fetchAllPages<Agency>('/org/agencies'),
    enabled,
    staleTime: 30 * 60_000,
    retry: false,
    meta: { toast: false },
  });
}
