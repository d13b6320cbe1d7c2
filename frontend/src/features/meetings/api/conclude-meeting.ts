import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import { meetingKeys, type MeetingDto } from './types';

/** `POST /api/v1/meetings/:id/conclude` (bureau): held; a regular meeting schedules the next one, open items carry over. */
export function useConcludeMeeting(meetingId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const body = await api<DataBody<MeetingDto> & { meta?: { nextMeetingId?: string | null } }>(`/meetings/${encodeURIComponent(meetingId)}/conclude`, { method: 'POST' });
      return { meeting: body.data, nextMeetingId: body.meta?.nextMeetingId ?? null };
    },
    onSuccess: ({ meeting }) => {
      qc.setQueryData(meetingKeys.one(meeting.id), meeting);
      void qc.invalidateQueries({ queryKey: meetingKeys.all });
    },
  });
}
