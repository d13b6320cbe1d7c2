import { useQuery } from '@tanstack/react-query';
import { fetchAllPages } from '@/lib/api-client';

export interface Agency {
  id: string;
  code?: string;
  name: { zh: string; en: string };
}

/**
 * Stationed agencies, for referrals (`/org/agencies`). When the organisation API is not there the
 * referral form asks for the agency id directly.
 */
export function useAgencies(enabled: boolean) {
  return useQuery({
    queryKey: ['agencies'],
    queryFn: () => fetchAllPages<Agency>('/org/agencies'),
    enabled,
    staleTime: 30 * 60_000,
    retry: false,
    meta: { toast: false },
  });
}
