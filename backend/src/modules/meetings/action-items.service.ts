import { Types } from 'mongoose';
import type { AppContext } from '../../core/context';
import { conflict, forbidden, isDuplicateKey, notFound, unprocessable } from '../../core/errors';
import type { AuthUser } from '../auth';
import { assertActiveAgencies, assertTeamExists, bureauUsers, liaisonsOf, teamLeadersOf } from '../joint-cases';
import { notifyUsers } from '../notifications';
import { canItem, itemRoleAllowed, nextItemStatus } from './action-item.workflow';
import { carryOverToLaterMeetings } from './carry-over.service';
import { canSeeItem, itemActions, itemScopeFilter } from './meetings.policy';
import { agendaOf, appendItemEvent, findItem, findMeeting, insertItem, insertResolution, listItems, oid, type ItemRecord, type MeetingRecord } from './meetings.repository';
import type { ItemTransitionBody, ListItemsQuery, ResolutionBody } from './meetings.schemas';

/** Who answers for an item: the owning agency's liaisons, the owning team's leader, or the bureau. */
export async function ownerRecipients(i: Pick<ItemRecord, 'ownerKind' | 'ownerTeamId' | 'ownerAgencyId'>): Promise<string[]> {
  if (i.ownerKind === 'agency') return liaisonsOf([String(i.ownerAgencyId)]);
  if (i.ownerKind === 'team') return teamLeadersOf([String(i.ownerTeamId)]);
  return bureauUsers();
}

/**
 * Records a resolution (决议) with its action items. An agency owner must be invited to the
 * meeting (its liaisons then see the meeting). New open items go onto the agendas of meetings
 * already scheduled after this one, and their owners are notified.
 */
export async function addResolution(ctx: AppContext, user: AuthUser, m: MeetingRecord, body: ResolutionBody) {
  if (body.agendaItemId && !(await agendaOf(m._id)).some((a) => String(a._id) === body.agendaItemId)) {
    throw unprocessable('INVALID_REFERENCE', 'The agenda item is not on this meeting', { path: 'agendaItemId' });
  }
  const invited = m.invitedAgencyIds.map(String);
  for (const [n, item] of body.actionItems.entries()) {
    if (item.owner.kind === 'agency') {
      await assertActiveAgencies([item.owner.agencyId], `actionItems.${n}.owner.agencyId`);
      if (!invited.includes(item.owner.agencyId)) {
        throw unprocessable('OWNER_NOT_INVITED', 'An agency owning an item must be invited to the meeting', { path: `actionItems.${n}.owner.agencyId` });
      }
    } else if (item.owner.kind === 'team') await assertTeamExists(item.owner.teamId, `actionItems.${n}.owner.teamId`);
  }
  const now = ctx.clock.now();
  const resolution = await insertResolution({
    meetingId: m._id, text: body.text, agendaItemId: body.agendaItemId ? oid(body.agendaItemId) : null, createdBy: oid(user.id), createdAt: now,
  });
  for (const item of body.actionItems) {
    const _id = new Types.ObjectId();
    const owner = {
      ownerKind: item.owner.kind,
      ownerTeamId: item.owner.kind === 'team' ? oid(item.owner.teamId) : null,
      ownerAgencyId: item.owner.kind === 'agency' ? oid(item.owner.agencyId) : null,
    };
    await insertItem(
      { _id, meetingId: m._id, meetingScheduledAt: m.scheduledAt, resolutionId: resolution._id, title: item.title, ...owner, dueAt: item.dueAt, status: 'open', evidence: [], note: null, closedAt: null, closedBy: null, createdBy: oid(user.id) },
      user,
      now,
    );
    await notifyUsers(await ownerRecipients(owner), {
      kind: 'meeting.item.assigned', title: `联席会议督办事项：${item.title}`, body: `${m.title} · ${item.dueAt.toISOString()}`,
      link: `/meetings/${String(m._id)}`, key: `meeting-item:${String(_id)}:assigned`, at: now,
    });
  }
  await carryOverToLaterMeetings(m.scheduledAt, now);
  return resolution;
}

/** Reports an item done (with evidence) or cancels it; of two updates at once only one wins. */
export async function transitionItem(ctx: AppContext, user: AuthUser, itemId: string, body: ItemTransitionBody): Promise<ItemRecord> {
  const item = await findItem(itemId);
  if (!item || !canSeeItem(user, item)) throw notFound('action item', itemId);
  if (!itemRoleAllowed(body.action, user.role)) throw forbidden(`Role ${user.role} may not ${body.action} an action item`);
  if (!canItem(body.action, item.status, { role: user.role, isOwner: true })) {
    throw conflict('ITEM_INVALID_TRANSITION', `Cannot ${body.action} an item that is ${item.status}`, { status: item.status, allowed: itemActions(user, item) });
  }
  const now = ctx.clock.now();
  const to = nextItemStatus(body.action);
  const patch = {
    status: to,
    note: body.note ?? null,
    closedAt: now,
    closedBy: user.id,
    ...(body.action === 'done' ? { evidence: body.evidence } : {}),
  };
  try {
    await appendItemEvent({ itemId: item._id, seq: item.seq + 1, action: body.action, from: item.status, to, actorId: user.id, actorRole: user.role, at: now, note: body.note ?? null, patch });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    throw conflict('ITEM_CONFLICT', 'The action item was changed by someone else at the same time; reload and retry', { itemId });
  }
  const m = await findMeeting(String(item.meetingId));
  if (m) {
    await notifyUsers([String(m.convenerId)], {
      kind: `meeting.item.${to}`, title: `督办事项${to === 'done' ? '已完成' : '已撤销'}：${item.title}`, body: body.note ?? '',
      link: `/meetings/${String(m._id)}`, key: `meeting-item:${itemId}:${to}`, at: now,
    });
  }
  ctx.logger.info({ itemId, action: body.action }, 'action item transition');
  return (await findItem(itemId))!;
}

export async function listVisibleItems(ctx: AppContext, user: AuthUser, q: ListItemsQuery) {
  const filter: Record<string, unknown>[] = [itemScopeFilter(user)];
  if (q.status) filter.push({ status: q.status });
  if (q.meetingId) filter.push({ meetingId: oid(q.meetingId) });
  if (q.overdue !== undefined) filter.push(q.overdue ? { status: 'open', dueAt: { $lt: ctx.clock.now() } } : { $or: [{ status: { $ne: 'open' } }, { dueAt: { $gte: ctx.clock.now() } }] });
  return listItems({ $and: filter }, q.limit, q.cursor);
}
