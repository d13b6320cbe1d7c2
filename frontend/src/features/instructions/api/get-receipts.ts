import { useQuery } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import { useLiveRefetchInterval } from '@/lib/live-updates';
import { instructionKeys, type ReceiptsDto } from './types';

/** `GET /api/v1/instructions/:id/receipts`: who has read and acknowledged, and who is overdue (the sender's view). */
export function useReceipts(id: string) {
  const refetchInterval = useLiveRefetchInterval();
  return useQuery({
    queryKey: instructionKeys.receipts(id),
    queryFn: async () => (await api<DataBody<ReceiptsDto>>(`/instructions/${encodeURIComponent(id)}/receipts`)).data,
    refetchInterval,
    meta: { toast: false },
  });
}
