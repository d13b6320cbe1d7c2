/** Joint case (联合办案) DTOs as `/api/v1/joint-cases` answers them (backend joint-cases.presenter). */
export type LocalName = { zh: string; en: string };
export interface AgencyRef {
  id: string;
  code: string;
  name: LocalName;
}

export const TASK_STATUSES = ['assigned', 'accepted', 'declined', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type TaskAction = 'accept' | 'decline' | 'start' | 'report' | 'cancel' | 'reassign';
export const JOINT_REASONS = ['cross_domain', 'major'] as const;
export type JointReason = (typeof JOINT_REASONS)[number];
export type JointStatus = 'open' | 'closed';

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
  reason: JointReason | string;
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

/** Query keys of this feature (the mutations invalidate them together). */
export const jointKeys = {
  all: ['joint-cases'] as const,
  list: (f: object) => ['joint-cases', 'list', f] as const,
  one: (id: string) => ['joint-cases', 'one', id] as const,
  timeline: (id: string, seq: number) => ['joint-cases', 'timeline', id, seq] as const,
  tasks: (f: object) => ['joint-cases', 'tasks', f] as const,
};
