import { Types } from 'mongoose';
import type { AppContext } from '../../core/context';
import { conflict, forbidden, isDuplicateKey, notFound, unprocessable } from '../../core/errors';
import type { AuthUser } from '../auth';
import { notifyUsers } from '../notifications';
import { agencyLabels, assertActiveAgencies, liaisonsOf } from './agency-lookup.repository';
import { postToCases, withAgencies } from './case-timeline.service';
import { ownsTask, taskActions, taskScopeFilter } from './joint-cases.policy';
import { presentTask, type JointTaskDto } from './joint-cases.presenter';
import {
  appendTaskEvent,
  deleteTask,
  findJointCase,
  findTask,
  insertTask,
  jointCasesByIds,
  listTasks,
  oid,
  recordJointStep,
  type JointCaseRecord,
  type TaskRecord,
} from './joint-cases.repository';
import type { ListTasksQuery, NewTask, ReassignTaskBody, TaskTransitionBody } from './joint-cases.schemas';
import { canTask, nextTaskStatus, taskRoleAllowed, type TaskAction } from './joint-task.workflow';

const jointClosed = () => conflict('JOINT_CASE_CLOSED', 'The joint case is closed');

/**
 * Creates a task for an agency. The task document is inserted before the step that records it on
 * the joint case, so a joint decision racing with it either sees the task (and refuses) or wins
 * the joint case's next seq first, in which case the task is removed again and the caller gets 409.
 */
export async function createTask(
  ctx: AppContext,
  user: AuthUser,
  jc: JointCaseRecord,
  t: NewTask,
  from: TaskRecord | null,
  _id = new Types.ObjectId(),
): Promise<TaskRecord> {
  if (jc.status !== 'open') throw jointClosed();
  const now = ctx.clock.now();
  await insertTask(
    {
      _id, jointCaseId: jc._id, agencyId: oid(t.agencyId), description: t.description, dueAt: t.dueAt, status: 'assigned',
      declineReason: null, cancelReason: null, result: null, reassignedToTaskId: null,
      reassignedFromTaskId: from ? from._id : null, assignedBy: oid(user.id),
    },
    user,
    now,
  );
  const step = from ? 'task_reassigned' : 'task_assigned';
  const data = { taskId: String(_id), agencyId: t.agencyId, dueAt: t.dueAt.toISOString(), description: t.description, ...(from ? { fromTaskId: String(from._id), fromAgencyId: String(from.agencyId) } : {}) };
  try {
    await recordJointStep(jc._id, (fresh) => {
      if (fresh.status !== 'open') throw jointClosed();
      const have = fresh.agencyIds.map(String);
      return {
        step, taskId: _id, actorId: user.id, actorRole: user.role, actorName: user.displayName, at: now, note: null, data,
        patch: have.includes(t.agencyId) ? {} : { agencyIds: [...have, t.agencyId] },
      };
    });
  } catch (err) {
    await deleteTask(_id);
    throw err;
  }
  await postToCases(ctx, user, jc.caseIds, { step, jointCaseId: String(jc._id), note: null, data, at: now, patch: withAgencies([t.agencyId]) });
  await notifyUsers(await liaisonsOf([t.agencyId]), {
    kind: 'joint.task.assigned', title: `联合办案任务：${jc.title}`, body: t.description,
    link: `/joint-cases/${String(jc._id)}`, key: `joint-task:${String(_id)}:assigned`, at: now,
  });
  return (await findTask(String(_id)))!;
}

/** `POST /joint-cases/:id/tasks` (bureau). */
export async function addTask(ctx: AppContext, user: AuthUser, jc: JointCaseRecord, body: NewTask): Promise<TaskRecord> {
  await assertActiveAgencies([body.agencyId], 'agencyId');
  return createTask(ctx, user, jc, body, null);
}

/** A task of this joint case the caller may act on: another agency's liaison gets 404. */
async function loadTask(user: AuthUser, jc: JointCaseRecord, taskId: string, action: TaskAction): Promise<TaskRecord> {
  const task = await findTask(taskId);
  if (!task || !task.jointCaseId.equals(jc._id)) throw notFound('task', taskId);
  if (!taskRoleAllowed(action, user.role)) throw forbidden(`Role ${user.role} may not ${action} a joint task`);
  if (user.role === 'agency_liaison' && !ownsTask(user, task)) throw notFound('task', taskId);
  if (!canTask(action, { status: task.status, reassigned: task.reassignedToTaskId !== null }, { role: user.role, ownsTask: ownsTask(user, task), jointOpen: jc.status === 'open' })) {
    throw conflict('TASK_INVALID_TRANSITION', `Cannot ${action} a task that is ${task.status}${jc.status === 'open' ? '' : ' in a closed joint case'}`, {
      status: task.status,
      allowed: taskActions(user, task, jc),
    });
  }
  return task;
}

/** Appends the task's next event; of two concurrent actions on one task only one insert wins. */
async function claimTask(user: AuthUser, task: TaskRecord, action: TaskAction, at: Date, note: string | null, patch: Record<string, unknown>) {
  const to = nextTaskStatus(action, task.status);
  try {
    await appendTaskEvent({ taskId: task._id, seq: task.seq + 1, action, from: task.status, to, actorId: user.id, actorRole: user.role, at, note, patch: { ...patch, status: to } });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    throw conflict('TASK_CONFLICT', 'The task was changed by someone else at the same time; reload and retry', { taskId: String(task._id) });
  }
  return to;
}

const STEP: Record<TaskTransitionBody['action'], string> = {
  accept: 'task_accepted', decline: 'task_declined', start: 'task_started', report: 'task_done', cancel: 'task_cancelled',
};

/** Accept / decline / start / report (the agency) and cancel (the bureau). */
export async function transitionTask(ctx: AppContext, user: AuthUser, jc: JointCaseRecord, taskId: string, body: TaskTransitionBody): Promise<TaskRecord> {
  const task = await loadTask(user, jc, taskId, body.action);
  const now = ctx.clock.now();
  let note: string | null = null;
  let patch: Record<string, unknown> = {};
  let attachments: string[] = [];
  if (body.action === 'accept' || body.action === 'start') {
    note = body.note ?? null;
    if (body.action === 'accept') patch = { acceptedAt: now };
  } else if (body.action === 'decline') {
    note = body.reason;
    patch = { declineReason: body.reason };
  } else if (body.action === 'cancel') {
    note = body.reason;
    patch = { cancelReason: body.reason };
  } else {
    note = body.result;
    attachments = body.attachments;
    patch = { doneAt: now, result: { text: body.result, attachments, reportedAt: now, reportedBy: user.id } };
  }
  const to = await claimTask(user, task, body.action, now, note, patch);
  const step = STEP[body.action];
  const data = { taskId, agencyId: String(task.agencyId), from: task.status, to, ...(attachments.length ? { attachments } : {}) };
  await recordJointStep(jc._id, () => ({ step, taskId: task._id, actorId: user.id, actorRole: user.role, actorName: user.displayName, at: now, note, data, patch: {} }));
  await postToCases(ctx, user, jc.caseIds, { step, jointCaseId: String(jc._id), note, data, at: now });
  if (body.action === 'decline' || body.action === 'report') {
    await notifyUsers([String(jc.openedBy)], {
      kind: `joint.${step}`, title: `${body.action === 'decline' ? '任务被拒绝' : '任务已完成'}：${jc.title}`, body: note ?? '',
      link: `/joint-cases/${String(jc._id)}`, key: `joint-task:${taskId}:${step}`, at: now,
    });
  }
  ctx.logger.info({ jointCaseId: String(jc._id), taskId, action: body.action, to }, 'joint task transition');
  return (await findTask(taskId))!;
}

/**
 * Reassigns a declined task to another agency (改派): the declined task is claimed first (one
 * reassignment wins), then the successor task is created; the declined task counts as settled
 * only once the successor it points to exists.
 */
export async function reassignTask(ctx: AppContext, user: AuthUser, jc: JointCaseRecord, taskId: string, body: ReassignTaskBody): Promise<TaskRecord> {
  const task = await loadTask(user, jc, taskId, 'reassign');
  if (body.agencyId === String(task.agencyId)) {
    throw unprocessable('SAME_AGENCY', 'Reassign to another agency than the one that declined', { path: 'agencyId' });
  }
  await assertActiveAgencies([body.agencyId], 'agencyId');
  const now = ctx.clock.now();
  // The successor's id is fixed before it exists, so the winning claim can point to it.
  const successorId = new Types.ObjectId();
  await claimTask(user, task, 'reassign', now, body.note ?? null, { reassignedToTaskId: String(successorId) });
  const next = await createTask(ctx, user, jc, { agencyId: body.agencyId, description: body.description ?? task.description, dueAt: body.dueAt }, task, successorId);
  return next;
}

export async function listVisibleTasks(ctx: AppContext, user: AuthUser, q: ListTasksQuery): Promise<{ data: JointTaskDto[]; nextCursor: string | null }> {
  const filter: Record<string, unknown>[] = [await taskScopeFilter(user)];
  if (q.status) filter.push({ status: q.status });
  if (q.jointCaseId) filter.push({ jointCaseId: oid(q.jointCaseId) });
  const page = await listTasks({ $and: filter }, q.limit, q.cursor);
  const joints = new Map((await jointCasesByIds(page.items.map((t) => t.jointCaseId))).map((j) => [String(j._id), j]));
  const labels = await agencyLabels(page.items.map((t) => String(t.agencyId)));
  const now = ctx.clock.now();
  const data = page.items.map((t) => {
    const j = joints.get(String(t.jointCaseId));
    const dto = presentTask(t, labels, j ? taskActions(user, t, { status: j.status as 'open' | 'closed' }) : [], now);
    return { ...dto, jointCase: j ? { id: String(j._id), title: j.title, status: j.status } : null };
  });
  return { data, nextCursor: page.nextCursor };
}

/** One task as the caller sees it, with the actions they may take on it now. */
export async function viewTask(ctx: AppContext, user: AuthUser, t: TaskRecord): Promise<JointTaskDto> {
  const jc = (await findJointCase(String(t.jointCaseId)))!;
  return presentTask(t, await agencyLabels([String(t.agencyId)]), taskActions(user, t, jc), ctx.clock.now());
}
