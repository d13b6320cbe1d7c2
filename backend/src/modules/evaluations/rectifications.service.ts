import { Types } from 'mongoose';
import type { AppContext } from '../../core/context';
import { conflict, forbidden, notFound } from '../../core/errors';
import type { AuthUser } from '../auth';
import { canSeeRectification, rectificationFilter } from './evaluations.policy';
import { rectifications } from './reviews.repository';
import { claimStep } from './steps.repository';

/**
 * Rectification items (整改) from review findings, tracked to done: open → done (the team leader,
 * with evidence) → confirmed by the legal office, or back to open when the evidence does not hold.
 */
type Raw = Record<string, any>;

export async function listRectifications(user: AuthUser, q: { status?: string; batchId?: string; limit: number; cursor?: string }) {
  const filter: Raw = { ...rectificationFilter(user) };
  if (q.status) filter.status = q.status;
  if (q.batchId) filter.batchId = new Types.ObjectId(q.batchId);
  const rows = await rectifications.list(filter, q.limit, q.cursor);
  const page = rows.slice(0, q.limit);
  return { page, nextCursor: rows.length > q.limit ? String(page[page.length - 1]!._id) : null };
}

async function visible(user: AuthUser, id: string): Promise<Raw> {
  const r = await rectifications.byId(id);
  if (!r || !canSeeRectification(user, r as { team: string })) throw notFound('rectification item', id);
  return r;
}

export async function getRectification(user: AuthUser, id: string) {
  return visible(user, id);
}

/** The team leader of the item's team reports it done, with evidence. */
export async function markDone(ctx: AppContext, user: AuthUser, id: string, evidence: string) {
  const r = await visible(user, id);
  if (user.role !== 'team_leader' || r.team !== user.teamId) throw forbidden('Only the leader of the team marks its rectification done');
  if (r.status !== 'open') throw conflict('RECTIFICATION_INVALID_STATE', `The item is ${r.status}, not open`, { status: r.status });
  const now = ctx.clock.now();
  await claimStep('rectification', r._id, r.seq + 1, 'done', user, now, { evidence });
  await rectifications.set(r._id, r.seq + 1, { status: 'done', evidence, doneBy: new Types.ObjectId(user.id), doneAt: now });
  return (await rectifications.byId(id))!;
}

/** The legal office confirms the rectification, or sends it back to the team. */
export async function confirm(ctx: AppContext, user: AuthUser, id: string, accepted: boolean, note?: string) {
  const r = await visible(user, id);
  if (r.status !== 'done') throw conflict('RECTIFICATION_INVALID_STATE', `The item is ${r.status}, not done`, { status: r.status });
  const now = ctx.clock.now();
  await claimStep('rectification', r._id, r.seq + 1, accepted ? 'confirm' : 'reopen', user, now, { note: note ?? null });
  await rectifications.set(
    r._id,
    r.seq + 1,
    accepted
      ? { status: 'confirmed', confirmedBy: new Types.ObjectId(user.id), confirmedAt: now, note: note ?? null }
      : { status: 'open', note: note ?? null, doneAt: null, doneBy: null },
  );
  return (await rectifications.byId(id))!;
}
