import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import { jointKeys, type JointCaseDto, type JointReason } from './types';

export interface NewTaskInput {
  agencyId: string;
  description: string;
  /** ISO datetime with offset. */
  dueAt: string;
}

export interface OpenJointCaseInput {
  title: string;
  description: string;
  reason: JointReason;
  caseIds: string[];
  lead: { kind: 'bureau' } | { kind: 'agency'; agencyId: string };
  agencyIds: string[];
  tasks: NewTaskInput[];
  note?: string;
}

/** `POST /api/v1/joint-cases` (bureau): opens a joint case from one or more cases. */
export function useOpenJointCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: OpenJointCaseInput) => (await api<DataBody<JointCaseDto>>('/joint-cases', { method: 'POST', body })).data,
    onSuccess: (jc) => {
      qc.setQueryData(jointKeys.one(jc.id), jc);
      void qc.invalidateQueries({ queryKey: jointKeys.all });
      // The linked cases now show the joint case on their timelines.
      void qc.invalidateQueries({ queryKey: ['case'] });
      void qc.invalidateQueries({ queryKey: ['case-timeline'] });
    },
  });
}
