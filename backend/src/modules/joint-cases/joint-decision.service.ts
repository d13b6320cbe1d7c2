import type { AppContext } from '../../core/context';
import { conflict, isDuplicateKey } from '../../core/errors';
import type { AuthUser } from '../auth';
import { notifyUsers } from '../notifications';
import { liaisonsOf } from './agency-lookup.repository';
import { closingStep, postToCases } from './case-timeline.service';
import { appendJointStep, findJointCase, tasksOf, type JointCaseRecord } from './joint-cases.repository';
import type { DecideBody } from './joint-cases.schemas';
import { unsettledRecords } from './joint-cases.policy';

/** The joint decision closes each linked case; idempotent, so a retry finishes an interrupted close. */
async function closeLinkedCases(ctx: AppContext, user: AuthUser, jc: JointCaseRecord, decision: string, at: Date) {
  await postToCases(ctx, user, jc.caseIds, closingStep({ step: 'decided', jointCaseId: String(jc._id), note: decision, data: { decision }, at }));
}

/**
 * The joint decision (联合决定) closes the joint case only when every task is settled. The joint
 * case's seq is read before its tasks: any task created concurrently either shows up in that
 * read (→ 409 with the unsettled tasks) or its own joint step takes the seq this decision wants,
 * so the decision's insert fails and the check runs again.
 */
export async function decideJointCase(ctx: AppContext, user: AuthUser, id: string, body: DecideBody): Promise<JointCaseRecord> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const jc = (await findJointCase(id))!;
    if (jc.status !== 'open') {
      await closeLinkedCases(ctx, user, jc, jc.decision?.text ?? body.decision, jc.closedAt ?? ctx.clock.now());
      throw conflict('JOINT_CASE_CLOSED', 'The joint case is already decided');
    }
    const tasks = await tasksOf(jc._id);
    const open = unsettledRecords(tasks);
    if (open.length > 0) {
      throw conflict('JOINT_TASKS_UNSETTLED', `${open.length} task(s) are not settled yet`, {
        tasks: open.map((t) => ({ id: t.id, agencyId: String(t.agencyId), status: t.status, dueAt: new Date(t.dueAt).toISOString() })),
      });
    }
    const now = ctx.clock.now();
    const decision = { text: body.decision, decidedAt: now, decidedBy: user.id };
    try {
      await appendJointStep({
        jointCaseId: jc._id, seq: jc.seq + 1, step: 'decided', taskId: null,
        actorId: user.id, actorRole: user.role, actorName: user.displayName, at: now, note: body.note ?? null,
        data: { decision: body.decision, tasks: tasks.map((t) => ({ id: String(t._id), status: t.status })) },
        patch: { status: 'closed', closedAt: now, decision },
      });
    } catch (err) {
      if (isDuplicateKey(err)) continue;
      throw err;
    }
    await closeLinkedCases(ctx, user, jc, body.decision, now);
    await notifyUsers([...(await liaisonsOf(jc.agencyIds.map(String))), String(jc.openedBy)], {
      kind: 'joint.decided', title: `联合办案已决定：${jc.title}`, body: body.decision,
      link: `/joint-cases/${id}`, key: `joint:${id}:decided`, at: now,
    });
    ctx.logger.info({ jointCaseId: id }, 'joint case decided');
    return (await findJointCase(id))!;
  }
  throw conflict('JOINT_CASE_CONFLICT', 'The joint case kept changing; reload and retry');
}
