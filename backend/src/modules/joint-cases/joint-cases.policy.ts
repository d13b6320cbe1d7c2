import { Types } from 'mongoose';
import type { Role } from '../../contracts';
import { forbidden } from '../../core/errors';
import type { AuthUser } from '../auth';
import { canSeeCase, caseScopeFilter, CaseModel } from '../cases';
import type { JointCaseRecord, TaskRecord } from './joint-cases.repository';
import { isBureau, taskActionsFor, unsettledTasks, type TaskAction } from './joint-task.workflow';

/** Roles that read joint cases at all (the admin manages users and geometry only). */
export const JOINT_READ_ROLES: Role[] = ['dispatcher', 'bureau_chief', 'legal_officer', 'agency_liaison', 'inspector', 'team_leader'];
/** Opening, tasks, reassignment and the joint decision are the bureau's (局管全面). */
export const JOINT_WRITE_ROLES: Role[] = ['dispatcher', 'bureau_chief'];

const oid = (id: string) => new Types.ObjectId(id);

/** Joint case ids linked to cases the caller sees (inspectors, team leaders: read-only). */
async function jointIdsOfVisibleCases(user: AuthUser): Promise<Types.ObjectId[]> {
  const rows = await CaseModel.find({ $and: [caseScopeFilter(user), { jointCaseId: { $ne: null } }] }, { jointCaseId: 1 }).lean<
    { jointCaseId: Types.ObjectId }[]
  >();
  return [...new Set(rows.map((r) => String(r.jointCaseId)))].map(oid);
}

/**
 * The one scope filter for joint-case queries: the bureau and the legal office see every joint
 * case, a liaison those involving their agency, inspectors and team leaders those linked to a
 * case in their scope.
 */
export async function jointScopeFilter(user: AuthUser): Promise<Record<string, unknown>> {
  switch (user.role) {
    case 'dispatcher':
    case 'bureau_chief':
    case 'legal_officer':
      return {};
    case 'agency_liaison':
      return user.agencyId ? { agencyIds: oid(user.agencyId) } : { _id: null };
    case 'inspector':
    case 'team_leader':
      return { _id: { $in: await jointIdsOfVisibleCases(user) } };
    default:
      throw forbidden('Your role has no access to joint cases');
  }
}

/** The same rule for one loaded joint case. */
export async function canSeeJointCase(user: AuthUser, jc: JointCaseRecord): Promise<boolean> {
  switch (user.role) {
    case 'dispatcher':
    case 'bureau_chief':
    case 'legal_officer':
      return true;
    case 'agency_liaison':
      return user.agencyId !== null && jc.agencyIds.some((a) => String(a) === user.agencyId);
    case 'inspector':
    case 'team_leader': {
      const cases = await CaseModel.find({ _id: { $in: jc.caseIds } }, { gridId: 1, teamId: 1, holderId: 1, reporterId: 1, agencyIds: 1 }).lean();
      return cases.some((c) => canSeeCase(user, c as never));
    }
    default:
      return false;
  }
}

/** Task list filter: a liaison sees their agency's tasks; others the tasks of joint cases in scope. */
export async function taskScopeFilter(user: AuthUser): Promise<Record<string, unknown>> {
  if (user.role === 'agency_liaison') return user.agencyId ? { agencyId: oid(user.agencyId) } : { _id: null };
  const scope = await jointScopeFilter(user);
  if (Object.keys(scope).length === 0) return {};
  const ids = (scope._id as { $in: Types.ObjectId[] } | undefined)?.$in ?? [];
  return { jointCaseId: { $in: ids } };
}

export const ownsTask = (user: AuthUser, t: Pick<TaskRecord, 'agencyId'>) =>
  user.role === 'agency_liaison' && user.agencyId !== null && String(t.agencyId) === user.agencyId;

export function taskActions(user: AuthUser, t: TaskRecord, jc: Pick<JointCaseRecord, 'status'>): TaskAction[] {
  return taskActionsFor(
    { status: t.status, reassigned: t.reassignedToTaskId !== null },
    { role: user.role, ownsTask: ownsTask(user, t), jointOpen: jc.status === 'open' },
  );
}

/**
 * Joint-case level actions for the caller. `decide` is offered only once every task is settled
 * (the decision service refuses earlier with JOINT_TASKS_UNSETTLED; the page shows what it may do).
 */
export function jointActions(user: AuthUser, jc: Pick<JointCaseRecord, 'status'>, tasksSettled: boolean): ('add_task' | 'decide')[] {
  if (!isBureau(user.role) || jc.status !== 'open') return [];
  return tasksSettled ? ['add_task', 'decide'] : ['add_task'];
}

/** Tasks not settled yet: not done, not cancelled, and not declined-and-reassigned (joint-task.workflow). */
export function unsettledRecords(tasks: TaskRecord[]) {
  return unsettledTasks(tasks.map((t) => ({ ...t, id: String(t._id), reassignedToTaskId: t.reassignedToTaskId ? String(t.reassignedToTaskId) : null })));
}
