import { useQuery } from '@tanstack/react-query';
import type { CaseEventDto } from '@gridenforce/backend/contracts';
import { api, type DataBody } from '@/lib/api-client';

/** `GET /api/v1/cases/:id/timeline`: every event, oldest first (阳光执法, nothing edited in place). */
export function useCaseTimeline(id: string, seq?: number) {
  return useQuery({
    // The case's seq is part of the key: a new event on the case refetches the timeline.
    queryKey: ['case-timeline', id, seq ?? 0],
    queryFn: async () => (await api<DataBody<CaseEventDto[]>>(`/cases/${encodeURIComponent(id)}/timeline`)).data,
    placeholderData: (prev) => prev,
  });
}
