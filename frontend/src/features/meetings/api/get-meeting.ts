import { useQuery } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import { meetingKeys, type MeetingDto } from './types';

/** `GET /api/v1/meetings/:id`: agenda, attendance, minutes (with revision), resolutions and their items. */
export function useMeeting(id: string) {
  return useQuery({
    queryKey: meetingKeys.one(id),
    queryFn: async () => (await api<DataBody<MeetingDto>>(`/meetings/${encodeURIComponent(id)}`)).data,
    meta: { toast: false },
  });
}
