import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import { jointKeys, type JointCaseDto } from './types';

/** `POST /api/v1/joint-cases/:id/decision` (bureau): the joint decision closes the joint case once every task is settled. */
export function useDecideJointCase(jointCaseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { decision: string; note?: string }) =>
      (await api<DataBody<JointCaseDto>>(`/joint-cases/${encodeURIComponent(jointCaseId)}/decision`, { method: 'POST', body })).data,
    onSuccess: (jc) => {
      qc.setQueryData(jointKeys.one(jc.id), jc);
      void qc.invalidateQueries({ queryKey: jointKeys.all });
      void qc.invalidateQueries({ queryKey: ['case'] });
    },
  });
}
