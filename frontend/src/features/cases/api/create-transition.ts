import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TransitionBody, type CaseDto } from '@gridenforce/backend/contracts';
import { api, ApiError, type DataBody } from '@/lib/api-client';

/** `POST /api/v1/cases/:id/transitions`: one action; the body is checked with the shared schema first. */
export async function createTransition(caseId: string, body: TransitionBody): Promise<CaseDto> {
  const res = await api<DataBody<CaseDto>>(`/cases/${encodeURIComponent(caseId)}/transitions`, {
    method: 'POST',
    body: TransitionBody.parse(body),
  });
  return res.data;
}

export function useCreateTransition(caseId: string) {
  const qc = useQueryClient();
  const refreshAll = () => {
    void qc.invalidateQueries({ queryKey: ['case', caseId] });
    void qc.invalidateQueries({ queryKey: ['case-timeline', caseId] });
    void qc.invalidateQueries({ queryKey: ['cases'] });
    void qc.invalidateQueries({ queryKey: ['map-clusters'] });
  };
  return useMutation({
    mutationFn: (body: TransitionBody) => createTransition(caseId, body),
    onSuccess: (dto) => {
      qc.setQueryData(['case', caseId], dto);
      refreshAll();
    },
    onError: (err) => {
      // Someone else moved the case first: show the actions the server allows now.
      if (err instanceof ApiError && (err.status === 409 || err.status === 403)) refreshAll();
    },
  });
}
