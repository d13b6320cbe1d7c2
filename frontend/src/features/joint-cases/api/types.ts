/** Joint case (联合办案) DTOs: the contract the backend presenter builds (backend/src/contracts/joint-cases.ts). */
export {
  JOINT_REASONS,
  TASK_STATUSES,
  type AgencyRef,
  type JointCaseDto,
  type JointReason,
  type JointStatus,
  type JointStepDto,
  type JointTaskDto,
  type TaskAction,
  type TaskStatus,
} from '@gridenforce/backend/contracts';
export type { LocalizedName as LocalName } from '@gridenforce/backend/contracts';

/** Query keys of this feature (the mutations invalidate them together). */
export const jointKeys = {
  all: ['joint-cases'] as const,
  list: (f: object) => ['joint-cases', 'list', f] as const,
  one: (id: string) => ['joint-cases', 'one', id] as const,
  timeline: (id: string, seq: number) => ['joint-cases', 'timeline', id, seq] as const,
  tasks: (f: object) => ['joint-cases', 'tasks', f] as const,
};
