import { useQuery } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import { useLiveRefetchInterval } from '@/lib/live-updates';
import { jointKeys, type JointCaseDto } from './types';

/** `GET /api/v1/joint-cases/:id`: the joint case with its tasks and what the caller may do. */
export function useJointCase(id: string) {
  const refetchInterval = useLiveRefetchInterval();
  return useQuery({
    queryKey: jointKeys.one(id),
    queryFn: async () => (await api<DataBody<JointCaseDto>>(`/joint-cases/${encodeURIComponent(id)}`)).data,
    refetchInterval,
    meta: { toast: false },
  });
}
