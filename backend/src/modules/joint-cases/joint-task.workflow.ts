import { TASK_ACTIONS, TASK_STATUSES, type Role, type TaskAction, type TaskStatus } from '../../contracts';

/**
 * Joint task rules (pure). assigned → accepted → in_progress → done, or declined (with a reason)
 * and then reassigned to another agency, or cancelled by the bureau. A task is settled when it is
 * done, cancelled, or declined and reassigned to a task that exists.
 */
export { TASK_ACTIONS, TASK_STATUSES, type TaskAction, type TaskStatus };

/** How the caller relates to the task. */
export interface TaskRelation {
  role: Role;
  /** The caller is a liaison of the task's agency. */
  ownsTask: boolean;
  /** The joint case is still open. */
  jointOpen: boolean;
}

export interface TaskFacts {
  status: TaskStatus;
  reassigned: boolean;
}

interface TaskRule {
  from: readonly TaskStatus[];
  /** `null`: status unchanged (reassign keeps the declined task declined, pointing at its successor). */
  to: TaskStatus | null;
  who: 'agency' | 'bureau';
  when?: (t: TaskFacts) => boolean;
}

export const TASK_RULES: Record<TaskAction, TaskRule> = {
  accept: { from: ['assigned'], to: 'accepted', who: 'agency' },
  decline: { from: ['assigned', 'accepted'], to: 'declined', who: 'agency' },
  start: { from: ['accepted'], to: 'in_progress', who: 'agency' },
  report: { from: ['accepted', 'in_progress'], to: 'done', who: 'agency' },
  cancel: { from: ['assigned', 'accepted', 'in_progress', 'declined'], to: 'cancelled', who: 'bureau', when: (t) => !t.reassigned },
  reassign: { from: ['declined'], to: null, who: 'bureau', when: (t) => !t.reassigned },
};

export const isBureau = (role: Role) => role === 'dispatcher' || role === 'bureau_chief';

/** Roles that may take the action at all (403 before any state check). */
export function taskRoleAllowed(action: TaskAction, role: Role): boolean {
  return TASK_RULES[action].who === 'agency' ? role === 'agency_liaison' : isBureau(role);
}

export function canTask(action: TaskAction, t: TaskFacts, r: TaskRelation): boolean {
  const rule = TASK_RULES[action];
  if (!r.jointOpen || !taskRoleAllowed(action, r.role)) return false;
  if (rule.who === 'agency' && !r.ownsTask) return false;
  return rule.from.includes(t.status) && (rule.when ? rule.when(t) : true);
}

/** The task actions the caller may take now (the API's `allowedActions`). */
export function taskActionsFor(t: TaskFacts, r: TaskRelation): TaskAction[] {
  return TASK_ACTIONS.filter((a) => canTask(a, t, r));
}

export function nextTaskStatus(action: TaskAction, current: TaskStatus): TaskStatus {
  return TASK_RULES[action].to ?? current;
}

export interface SettleInput {
  id: string;
  status: TaskStatus;
  reassignedToTaskId: string | null;
}

/**
 * Tasks that keep a joint decision waiting: not done or cancelled, and declined ones only count
 * as settled once the successor task they point to exists (it is then judged on its own).
 */
export function unsettledTasks<T extends SettleInput>(tasks: T[]): T[] {
  const ids = new Set(tasks.map((t) => t.id));
  return tasks.filter((t) => {
    if (t.status === 'done' || t.status === 'cancelled') return false;
    if (t.status === 'declined') return !(t.reassignedToTaskId && ids.has(t.reassignedToTaskId));
    return true;
  });
}
