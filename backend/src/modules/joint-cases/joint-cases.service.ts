import { Types } from 'mongoose';
import type { AppContext } from '../../core/context';
import { conflict, notFound, unprocessable } from '../../core/errors';
import type { AuthUser } from '../auth';
import { catchUp, findCase } from '../cases';
import { notifyUsers } from '../notifications';
import { agencyLabels, assertActiveAgencies, liaisonsOf, userNames } from './agency-lookup.repository';
import { postToCases, withAgencies } from './case-timeline.service';
import { canSeeJointCase, jointActions, jointScopeFilter, taskActions, unsettledRecords } from './joint-cases.policy';
import { presentJointCase, presentStep, presentTask, type JointCaseDto } from './joint-cases.presenter';
import {
  appendJointStep,
  claimCases,
  deleteJointCase,
  findJointCase,
  insertJointCase,
  jointStepsOf,
  listJointCases,
  oid,
  tasksOf,
  tasksOfMany,
  type JointCaseRecord,
} from './joint-cases.repository';
import type { ListJointCasesQuery, OpenJointCaseBody } from './joint-cases.schemas';
import { createTask } from './joint-tasks.service';

const TERMINAL = new Set(['closed', 'rejected', 'merged']);

/** Loads a joint case the caller may see (404 otherwise, so existence never leaks). */
export async function loadVisibleJointCase(user: AuthUser, id: string): Promise<JointCaseRecord> {
  const jc = await findJointCase(id);
  if (!jc || !(await canSeeJointCase(user, jc))) throw notFound('joint case', id);
  return jc;
}

/**
 * Opens a joint case (联合办案): checks agencies and cases, inserts the joint case, claims each
 * case (one joint case per case: the unique link decides between two openings at once), records
 * the opening on every linked case's timeline, then assigns the initial tasks.
 */
export async function openJointCase(ctx: AppContext, user: AuthUser, body: OpenJointCaseBody): Promise<JointCaseRecord> {
  const leadAgencyId = body.lead.kind === 'agency' ? body.lead.agencyId : null;
  const agencyIds = [...new Set([...(leadAgencyId ? [leadAgencyId] : []), ...body.agencyIds])];
  await assertActiveAgencies(agencyIds, 'agencyIds');
  const outsider = body.tasks.findIndex((t) => !agencyIds.includes(t.agencyId));
  if (outsider >= 0) {
    throw unprocessable('INVALID_REFERENCE', 'A task must go to a participating agency', { path: `tasks.${outsider}.agencyId` });
  }
  const cases = [];
  for (const id of body.caseIds) {
    const found = await findCase(id);
    if (!found) throw notFound('case', id);
    const kase = await catchUp(found);
    if (TERMINAL.has(kase.status)) throw conflict('CASE_NOT_OPEN', `Case ${kase.caseNo} is ${kase.status}`, { caseId: id, status: kase.status });
    if (kase.jointCaseId) throw conflict('CASE_ALREADY_JOINT', `Case ${kase.caseNo} is already under a joint case`, { caseId: id, jointCaseId: String(kase.jointCaseId) });
    cases.push(kase);
  }
  const now = ctx.clock.now();
  const _id = new Types.ObjectId();
  await insertJointCase({
    _id,
    title: body.title,
    description: body.description,
    reason: body.reason,
    cases: cases.map((c) => ({ id: c._id, caseNo: c.caseNo })),
    caseIds: cases.map((c) => c._id),
    lead: { kind: body.lead.kind, agencyId: leadAgencyId ? oid(leadAgencyId) : null },
    agencyIds: agencyIds.map(oid),
    status: 'open',
    decision: null,
    openedBy: oid(user.id),
    openedByName: user.displayName,
    openedAt: now,
    closedAt: null,
    seq: 0,
    createdAt: now,
    updatedAt: now,
  });
  const taken = await claimCases(_id, cases.map((c) => c._id), now);
  if (taken) {
    await deleteJointCase(_id);
    throw conflict('CASE_ALREADY_JOINT', 'A case was put under another joint case at the same time', { caseId: String(taken) });
  }
  const data = { title: body.title, reason: body.reason, lead: body.lead.kind, leadAgencyId, agencyIds, caseIds: body.caseIds };
  await appendJointStep({
    jointCaseId: _id, seq: 1, step: 'opened', taskId: null,
    actorId: user.id, actorRole: user.role, actorName: user.displayName, at: now, note: body.note ?? null, data, patch: {},
  });
  const link = withAgencies(agencyIds);
  await postToCases(ctx, user, cases.map((c) => c._id), {
    step: 'opened', jointCaseId: String(_id), note: body.note ?? null, data, at: now,
    patch: (kase) => ({ jointCaseId: String(_id), ...link(kase) }),
  });
  ctx.logger.info({ jointCaseId: String(_id), cases: body.caseIds.length, agencies: agencyIds.length }, 'joint case opened');
  const jc = (await findJointCase(String(_id)))!;
  await notifyUsers(await liaisonsOf(agencyIds), {
    kind: 'joint.opened', title: `联合办案：${body.title}`, body: `${cases.map((c) => c.caseNo).join('、')}`,
    link: `/joint-cases/${String(_id)}`, key: `joint:${String(_id)}:opened`, at: now,
  });
  for (const t of body.tasks) await createTask(ctx, user, jc, t, null);
  return (await findJointCase(String(_id)))!;
}

export async function listVisibleJointCases(ctx: AppContext, user: AuthUser, q: ListJointCasesQuery) {
  const filter: Record<string, unknown>[] = [await jointScopeFilter(user)];
  if (q.status) filter.push({ status: q.status });
  if (q.caseId) filter.push({ caseIds: oid(q.caseId) });
  if (q.agencyId) filter.push({ agencyIds: oid(q.agencyId) });
  const page = await listJointCases({ $and: filter }, q.limit, q.cursor);
  const tasks = await tasksOfMany(page.items.map((j) => j._id));
  const labels = await agencyLabels(page.items.flatMap((j) => j.agencyIds.map(String)));
  const names = await userNames(page.items.map((j) => j.decision?.decidedBy).filter(Boolean).map(String));
  const data = page.items.map((jc) => {
    const own = tasks.filter((t) => t.jointCaseId.equals(jc._id));
    return presentJointCase(jc, { labels, names, tasks: own, actions: jointActions(user, jc, unsettledRecords(own).length === 0) });
  });
  return { data, nextCursor: page.nextCursor };
}

/** One joint case with its tasks, each with the actions the caller may take on it. */
export async function viewJointCase(ctx: AppContext, user: AuthUser, jc: JointCaseRecord): Promise<JointCaseDto> {
  const tasks = await tasksOf(jc._id);
  const labels = await agencyLabels([...jc.agencyIds.map(String), ...tasks.map((t) => String(t.agencyId))]);
  const names = await userNames(jc.decision?.decidedBy ? [String(jc.decision.decidedBy)] : []);
  const now = ctx.clock.now();
  const taskDtos = tasks.map((t) => presentTask(t, labels, taskActions(user, t, jc), now));
  return presentJointCase(jc, { labels, names, tasks, actions: jointActions(user, jc, unsettledRecords(tasks).length === 0), taskDtos });
}

export async function jointTimeline(jc: JointCaseRecord) {
  return (await jointStepsOf(jc._id)).map(presentStep);
}
