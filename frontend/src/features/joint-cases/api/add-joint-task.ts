import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import type { NewTaskInput } from './open-joint-case';
import { jointKeys, type JointTaskDto } from './types';

/** `POST /api/v1/joint-cases/:id/tasks` (bureau): a new task for a participating agency. */
export function useAddJointTask(jointCaseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: NewTaskInput) =>
      (await api<DataBody<JointTaskDto>>(`/joint-cases/${encodeURIComponent(jointCaseId)}/tasks`, { method: 'POST', body })).data,
    onSuccess: () => void qc.invalidateQueries({ queryKey: jointKeys.all }),
  });
}
