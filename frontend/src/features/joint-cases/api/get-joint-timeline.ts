import { useQuery } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import { jointKeys, type JointStepDto } from './types';

/** `GET /api/v1/joint-cases/:id/timeline`: every step, oldest first; refetched when the joint case's seq moves. */
export function useJointTimeline(id: string, seq: number) {
  return useQuery({
    queryKey: jointKeys.timeline(id, seq),
    queryFn: async () => (await api<DataBody<JointStepDto[]>>(`/joint-cases/${encodeURIComponent(id)}/timeline`)).data,
    placeholderData: (prev) => prev,
  });
}
