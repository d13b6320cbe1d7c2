import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import { jointKeys, type JointTaskDto } from './types';

export interface ReassignInput {
  agencyId: string;
  description?: string;
  dueAt: string;
  note?: string;
}

/** `POST /api/v1/joint-cases/:id/tasks/:taskId/reassign` (bureau): a declined task goes to another agency (改派). */
export function useReassignJointTask(jointCaseId: string, taskId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: ReassignInput) =>
      (
        await api<DataBody<JointTaskDto>>(`/joint-cases/${encodeURIComponent(jointCaseId)}/tasks/${encodeURIComponent(taskId)}/reassign`, {
          method: 'POST',
          body,
        })
      ).data,
    onSuccess: () => void qc.invalidateQueries({ queryKey: jointKeys.all }),
  });
}
