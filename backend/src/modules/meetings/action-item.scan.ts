import type { AppContext } from '../../core/context';
import { notifyUsers } from '../notifications';
import { ownerRecipients } from './action-items.service';
import { carryOverInto } from './carry-over.service';
import { claimItemNotice, findItems, meetingsByIds, scheduledMeetingsAfter } from './meetings.repository';

/**
 * One pass over open action items due within LIAISON_WARN_BEFORE_HOURS or past due: their owners
 * and the meeting's convener are told once per item, due time and kind. "Once" holds across runs,
 * restarts and instances because each notice is first claimed by inserting a document whose `_id`
 * names it (only one insert wins).
 */
export async function runActionItemScan(ctx: AppContext): Promise<{ fired: number }> {
  const now = ctx.clock.now();
  const horizon = new Date(now.getTime() + ctx.config.LIAISON_WARN_BEFORE_HOURS * 3_600_000);
  const due = (await findItems({ status: 'open', dueAt: { $lte: horizon } })).filter((i) => i.status === 'open');
  const meetings = new Map((await meetingsByIds(due.map((i) => i.meetingId))).map((m) => [String(m._id), m]));
  let fired = 0;
  for (const item of due) {
    const dueAt = new Date(item.dueAt);
    const kind = dueAt <= now ? 'overdue' : 'warning';
    const key = `meeting-item:${String(item._id)}:${dueAt.getTime()}:${kind}`;
    if (!(await claimItemNotice(key, item._id, kind, now))) continue;
    fired++;
    const m = meetings.get(String(item.meetingId));
    await notifyUsers([...(await ownerRecipients(item)), ...(m ? [String(m.convenerId)] : [])], {
      kind: `meeting.item.${kind}`,
      title: kind === 'overdue' ? `督办事项已超期：${item.title}` : `督办事项即将到期：${item.title}`,
      body: `${m?.title ?? ''} · ${dueAt.toISOString()}`,
      link: `/meetings/${String(item.meetingId)}`,
      key,
      at: now,
    });
  }
  if (fired) ctx.logger.info({ fired }, 'action item deadline notices fired');
  return { fired };
}

/** Safety net for carry-over: every meeting not held yet gets the open items of earlier meetings. */
export async function syncCarryOver(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  let added = 0;
  for (const m of await scheduledMeetingsAfter(new Date(0))) added += await carryOverInto(m, now);
  return added;
}
