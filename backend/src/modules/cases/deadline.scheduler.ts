import { Types } from 'mongoose';
import type { AppContext } from '../../core/context';
import { isDuplicateKey } from '../../core/errors';
import { notifyUsers } from '../notifications';
import { UserModel } from '../users';
import { CaseModel, CaseWarningModel } from './case.model';
import { OPEN_STATUSES } from './case.workflow';

interface DueCase {
  _id: Types.ObjectId;
  caseNo: string;
  tier: string;
  teamId: Types.ObjectId | null;
  holderId: Types.ObjectId | null;
  stage: { name: string; startedAt: Date; dueAt: Date };
}

/** The holder and the tier above: the team leader for grid cases, the dispatch centre above that. */
async function recipientsOf(c: DueCase): Promise<string[]> {
  const ids: string[] = c.holderId ? [String(c.holderId)] : [];
  const above =
    c.tier === 'grid' && c.teamId
      ? await UserModel.find({ role: 'team_leader', teamId: c.teamId, disabled: false }, { _id: 1 }).lean()
      : await UserModel.find({ role: { $in: ['dispatcher'] }, disabled: false }, { _id: 1 }).lean();
  return [...ids, ...above.map((u) => String(u._id))];
}

/**
 * One pass: for each open case whose stage is due within the warning window or past due, fire a
 * warning (预警) or an overdue notice once. "Once" holds across restarts and across several API
 * instances because each notice is first claimed by inserting a case_warnings document whose _id
 * names the case, the stage start and the kind: only one insert can succeed.
 */
export async function runDeadlineScan(ctx: AppContext): Promise<{ fired: number }> {
  const now = ctx.clock.now();
  const horizon = new Date(now.getTime() + ctx.config.DEADLINE_WARN_BEFORE_MINUTES * 60_000);
  const due = await CaseModel.find(
    { status: { $in: OPEN_STATUSES }, suspended: false, 'stage.dueAt': { $ne: null, $lte: horizon } },
    { caseNo: 1, tier: 1, teamId: 1, holderId: 1, stage: 1 },
  ).lean<DueCase[]>();
  let fired = 0;
  for (const c of due) {
    const kind = c.stage.dueAt <= now ? 'overdue' : 'warning';
    const key = `${String(c._id)}:${c.stage.name}:${new Date(c.stage.startedAt).getTime()}:${kind}`;
    try {
      await CaseWarningModel.create({ _id: key, caseId: c._id, kind, at: now });
    } catch (err) {
      if (isDuplicateKey(err)) continue;
      throw err;
    }
    fired++;
    await notifyUsers(await recipientsOf(c), {
      kind: `deadline.${kind}`,
      title: kind === 'overdue' ? `案件 ${c.caseNo} 已超期` : `案件 ${c.caseNo} 即将到期`,
      body: `${c.stage.name} · ${c.stage.dueAt.toISOString()}`,
      link: `/cases/${String(c._id)}`,
      caseId: String(c._id),
      key,
      at: now,
    });
  }
  if (fired) ctx.logger.info({ fired }, 'deadline warnings fired');
  return { fired };
}

/** Runs the scan on an interval; returns a stop function. Errors are logged, never thrown. */
export function startDeadlineScheduler(ctx: AppContext): () => void {
  if (ctx.config.SCHEDULER_INTERVAL_MS === 0) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runDeadlineScan(ctx)
      .catch((err) => ctx.logger.warn({ err: (err as Error).message }, 'deadline scan failed'))
      .finally(() => {
        running = false;
      });
  }, ctx.config.SCHEDULER_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
