import { useQuery } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';

export interface Agency {
  id: string;
  code?: string;
  name: { zh: string; en: string };
}

/**
 * `GET /api/v1/agencies` (stationed agencies, for referrals). The organisation API may not be
 * deployed yet; the referral form then asks for the agency id directly.
 */
export function useAgencies(enabled: boolean) {
  return useQuery({
    queryKey: ['agencies'],
    queryFn: async () => (await api<DataBody<Agency[]>>('/agencies')).data ?? [],
    enabled,
    staleTime: 30 * 60_000,
    retry: false,
    meta: { toast: false },
  });
}
