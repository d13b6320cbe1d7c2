import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type DataBody } from '@/lib/api-client';
import { meetingKeys, type MeetingDto } from './types';

/**
 * `PUT /api/v1/meetings/:id/minutes` (bureau), written against the revision the writer saw: a 409
 * `MINUTES_CONFLICT` means someone saved meanwhile (the editor keeps the text and shows theirs).
 */
export function useSaveMinutes(meetingId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { text: string; baseRevision: number }) =>
      (await api<DataBody<MeetingDto>>(`/meetings/${encodeURIComponent(meetingId)}/minutes`, { method: 'PUT', body })).data,
    onSuccess: (m) => qc.setQueryData(meetingKeys.one(m.id), m),
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'MINUTES_CONFLICT') void qc.invalidateQueries({ queryKey: meetingKeys.one(meetingId) });
    },
    meta: { toast: false },
  });
}
