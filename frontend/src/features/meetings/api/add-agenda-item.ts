import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import { meetingKeys, type MeetingDto } from './types';

export type AgendaInput =
  | { kind: 'case'; caseId: string; title?: string }
  | { kind: 'joint_case'; jointCaseId: string; title?: string }
  | { kind: 'topic'; title: string };

/** `POST /api/v1/meetings/:id/agenda` (bureau): a case, a joint case or a free topic. */
export function useAddAgendaItem(meetingId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: AgendaInput) => (await api<DataBody<MeetingDto>>(`/meetings/${encodeURIComponent(meetingId)}/agenda`, { method: 'POST', body })).data,
    onSuccess: (m) => qc.setQueryData(meetingKeys.one(m.id), m),
  });
}
