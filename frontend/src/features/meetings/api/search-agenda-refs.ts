import { useQuery } from '@tanstack/react-query';
import type { CaseDto } from '@gridenforce/backend/contracts';
import type { JointCaseDto } from '@gridenforce/backend/contracts';
import { api, type PageBody } from '@/lib/api-client';

/** `GET /api/v1/cases?q=`: cases (any status) by number or text, to put on a meeting's agenda. */
export function useAgendaCaseSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ['meetings', 'agenda-case-search', term],
    queryFn: async () => (await api<PageBody<CaseDto>>('/cases', { query: { q: term, limit: 10 } })).data,
    enabled: term.length >= 2,
    staleTime: 10_000,
  });
}

/**
 * Joint cases in the caller's scope matching a term in their title or their cases' numbers (joint
 * cases have no number of their own; they are known by their cases'). `GET /api/v1/joint-cases`
 * has no text filter, so the newest 200 are fetched once and matched here.
 */
export function useAgendaJointCaseSearch(q: string) {
  const term = q.trim().toLowerCase();
  const all = useQuery({
    queryKey: ['meetings', 'agenda-joint-cases'],
    queryFn: async () => (await api<PageBody<JointCaseDto>>('/joint-cases', { query: { limit: 200 } })).data,
    staleTime: 30_000,
  });
  const hits = term
    ? (all.data ?? []).filter((j) => j.title.toLowerCase().includes(term) || j.cases.some((c) => c.caseNo.toLowerCase().includes(term))).slice(0, 10)
    : [];
  return { ...all, hits };
}
