import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type DataBody } from '@/lib/api-client';
import { meetingKeys, type ActionItemDto } from './types';

export type ItemTransitionInput = { action: 'done'; evidence: string[]; note?: string } | { action: 'cancel'; note: string };

/** `POST /api/v1/meetings/action-items/:itemId/transitions`: done with evidence (owner or bureau), or cancel (bureau). */
export function useTransitionActionItem(itemId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: ItemTransitionInput) =>
      (await api<DataBody<ActionItemDto>>(`/meetings/action-items/${encodeURIComponent(itemId)}/transitions`, { method: 'POST', body })).data,
    onSuccess: () => void qc.invalidateQueries({ queryKey: meetingKeys.all }),
    onError: (err) => {
      if (err instanceof ApiError && err.status === 409) void qc.invalidateQueries({ queryKey: meetingKeys.all });
    },
  });
}
