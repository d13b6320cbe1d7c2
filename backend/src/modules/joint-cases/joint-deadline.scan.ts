import type { AppContext } from '../../core/context';
import { notifyUsers } from '../notifications';
import { liaisonsOf } from './agency-lookup.repository';
import { claimTaskNotice, dueTasks, jointCasesByIds } from './joint-cases.repository';

/**
 * One pass over open joint tasks due within LIAISON_WARN_BEFORE_HOURS or past due: the agency's
 * liaisons and the bureau user who opened the joint case are told once per task, due time and kind
 * (the notice is claimed by inserting a document whose `_id` names them; only one insert wins,
 * across restarts and API instances).
 */
export async function runJointTaskScan(ctx: AppContext): Promise<{ fired: number }> {
  const now = ctx.clock.now();
  const horizon = new Date(now.getTime() + ctx.config.LIAISON_WARN_BEFORE_HOURS * 3_600_000);
  const tasks = await dueTasks(horizon);
  const joints = new Map((await jointCasesByIds(tasks.map((t) => t.jointCaseId))).map((j) => [String(j._id), j]));
  let fired = 0;
  for (const t of tasks) {
    const jc = joints.get(String(t.jointCaseId));
    if (!jc || jc.status !== 'open') continue;
    const due = new Date(t.dueAt);
    const kind = due <= now ? 'overdue' : 'warning';
    const key = `joint-task:${String(t._id)}:${due.getTime()}:${kind}`;
    if (!(await claimTaskNotice(key, t._id, kind, now))) continue;
    fired++;
    await notifyUsers([...(await liaisonsOf([String(t.agencyId)])), String(jc.openedBy)], {
      kind: `joint.task.${kind}`,
      title: kind === 'overdue' ? `联合办案任务已超期：${jc.title}` : `联合办案任务即将到期：${jc.title}`,
      body: `${t.description} · ${due.toISOString()}`,
      link: `/joint-cases/${String(jc._id)}`,
      key,
      at: now,
    });
  }
  if (fired) ctx.logger.info({ fired }, 'joint task deadline notices fired');
  return { fired };
}
