import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import { instructionKeys, type InstructionDto, type Priority } from './types';

export interface SendInstructionInput {
  title: string;
  body: string;
  priority: Priority;
  /** ISO datetime with offset, or null. */
  deadline: string | null;
  targets: { teamIds: string[]; zoneIds: string[]; gridIds: string[]; userIds: string[] };
}

/** `POST /api/v1/instructions`: the bureau to anyone, a team leader within the team. */
export function useSendInstruction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: SendInstructionInput) => (await api<DataBody<InstructionDto>>('/instructions', { method: 'POST', body })).data,
    onSuccess: () => void qc.invalidateQueries({ queryKey: instructionKeys.all }),
  });
}
