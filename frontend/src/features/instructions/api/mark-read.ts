import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { instructionKeys } from './types';

/** `POST /api/v1/instructions/:id/read`: the read receipt (已读), sent when the recipient opens it. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/instructions/${encodeURIComponent(id)}/read`, { method: 'POST' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: instructionKeys.all }),
    meta: { toast: false },
  });
}
