import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import { meetingKeys, type MeetingDto } from './types';

export type OwnerInput = { kind: 'bureau' } | { kind: 'team'; teamId: string } | { kind: 'agency'; agencyId: string };

export interface ResolutionInput {
  text: string;
  agendaItemId?: string;
  actionItems: { title: string; owner: OwnerInput; dueAt: string }[];
}

/** `POST /api/v1/meetings/:id/resolutions` (bureau): a resolution (决议) and its action items (督办事项). */
export function useAddResolution(meetingId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: ResolutionInput) =>
      (await api<DataBody<MeetingDto>>(`/meetings/${encodeURIComponent(meetingId)}/resolutions`, { method: 'POST', body })).data,
    onSuccess: (m) => {
      qc.setQueryData(meetingKeys.one(m.id), m);
      void qc.invalidateQueries({ queryKey: meetingKeys.items({}) });
    },
  });
}
