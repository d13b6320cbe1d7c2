import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import { meetingKeys, type MeetingDto } from './types';

export interface AttendanceInput {
  agencyId?: string;
  userId?: string;
  name: string;
  present: boolean;
  note?: string;
}

/** `PUT /api/v1/meetings/:id/attendance` (bureau): the whole attendance list. */
export function useSetAttendance(meetingId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (entries: AttendanceInput[]) =>
      (await api<DataBody<MeetingDto>>(`/meetings/${encodeURIComponent(meetingId)}/attendance`, { method: 'PUT', body: { entries } })).data,
    onSuccess: (m) => qc.setQueryData(meetingKeys.one(m.id), m),
  });
}
