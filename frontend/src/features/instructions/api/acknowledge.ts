import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { instructionKeys } from './types';

/** `POST /api/v1/instructions/:id/ack`: the acknowledgement (回执), once, with an optional reply. */
export function useAcknowledge(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (reply: string) => api(`/instructions/${encodeURIComponent(id)}/ack`, { method: 'POST', body: reply ? { reply } : {} }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: instructionKeys.all }),
  });
}
