import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import type { AgendaInput } from './add-agenda-item';
import { meetingKeys, type MeetingDto } from './types';

export interface CreateMeetingInput {
  title: string;
  kind: 'regular' | 'ad_hoc';
  scheduledAt: string;
  location: string;
  recurrence?: { freq: 'monthly'; day: number; interval: number };
  invitedAgencyIds: string[];
  agenda: AgendaInput[];
}

/** `POST /api/v1/meetings` (bureau): a regular (monthly) or ad hoc liaison meeting. */
export function useCreateMeeting() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateMeetingInput) => (await api<DataBody<MeetingDto>>('/meetings', { method: 'POST', body })).data,
    onSuccess: (m) => {
      qc.setQueryData(meetingKeys.one(m.id), m);
      void qc.invalidateQueries({ queryKey: meetingKeys.all });
    },
  });
}
