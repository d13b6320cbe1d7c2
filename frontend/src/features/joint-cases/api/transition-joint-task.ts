import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type DataBody } from '@/lib/api-client';
import { jointKeys, type JointTaskDto } from './types';

export type TaskTransitionInput =
  | { action: 'accept'; note?: string }
  | { action: 'decline'; reason: string }
  | { action: 'start'; note?: string }
  | { action: 'report'; result: string; attachments: string[] }
  | { action: 'cancel'; reason: string };

/** `POST /api/v1/joint-cases/:id/tasks/:taskId/transitions`: accept, decline, start, report (agency) or cancel (bureau). */
export function useTransitionJointTask(jointCaseId: string, taskId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: TaskTransitionInput) =>
      (
        await api<DataBody<JointTaskDto>>(`/joint-cases/${encodeURIComponent(jointCaseId)}/tasks/${encodeURIComponent(taskId)}/transitions`, {
          method: 'POST',
          body,
        })
      ).data,
    onSuccess: () => void qc.invalidateQueries({ queryKey: jointKeys.all }),
    onError: (err) => {
      // Someone else moved the task first: show what the server allows now.
      if (err instanceof ApiError && err.status === 409) void qc.invalidateQueries({ queryKey: jointKeys.all });
    },
  });
}
