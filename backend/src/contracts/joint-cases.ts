/**
 * Joint case (联合办案) contract: the enums and the DTOs `/api/v1/joint-cases` answers with. The backend
 * presenter builds these; the frontend imports the same types, so the two cannot drift apart.
 */
import type { LocalizedName } from './common';

export const TASK_STATUSES = ['assigned', 'accepted', 'declined', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_ACTIONS = ['accept', 'decline', 'start', 'report', 'cancel', 'reassign'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** cross_domain 跨领域 · major 重大案件 */
export const JOINT_REASONS = ['cross_domain', 'major'] as const;
export type JointReason = (typeof JOINT_REASONS)[number];
export const JOINT_STATUSES = ['open', 'closed'] as const;
export type JointStatus = (typeof JOINT_STATUSES)[number];

export interface AgencyRef {
  id: string;
  code: string;
  name: LocalizedName;
}

export interface JointTaskDto {
  id: string;
  jointCaseId: string;
  jointCase?: { id: string; title: string; status: string } | null;
  agency: AgencyRef;
  description: string;
  dueAt: string;
  overdue: boolean;
  status: TaskStatus;
  declineReason: string | null;
  cancelReason: string | null;
  result: { text: string; attachments: string[]; reportedAt: string; reportedBy: string } | null;
  reassignedToTaskId: string | null;
  reassignedFromTaskId: string | null;
  /** What the caller may do now (decided by the server). */
  allowedActions: TaskAction[];
  seq: number;
  createdAt: string;
  updatedAt: string;
}

export interface JointCaseDto {
  id: string;
  title: string;
  description: string;
  reason: JointReason;
  status: JointStatus;
  cases: { id: string; caseNo: string }[];
  lead: { kind: 'bureau' | 'agency'; agency: AgencyRef | null };
  agencies: AgencyRef[];
  decision: { text: string; decidedAt: string; decidedBy: { id: string; displayName: string } } | null;
  openedBy: { id: string; displayName: string };
  openedAt: string;
  closedAt: string | null;
  taskCounts: Record<TaskStatus, number>;
  tasks?: JointTaskDto[];
  /** `add_task`, `decide` for the bureau while open. */
  allowedActions: string[];
  seq: number;
}

export interface JointStepDto {
  seq: number;
  step: string;
  taskId: string | null;
  actor: { id: string; displayName: string; role: string } | null;
  at: string;
  note: string | null;
  data: Record<string, unknown>;
}
