import { Types } from 'mongoose';
import type { AppContext } from '../../core/context';
import { conflict, forbidden, notFound, unprocessable } from '../../core/errors';
import { recordAudit } from '../audit';
import type { AuthUser } from '../auth';
import { announce } from '../events';
import { UserModel } from '../users';
import type { InstructionDoc, ReceiptDoc } from './instruction.model';
import { assertMaySend, maySeeInstruction, maySeeReceipts, SENDER_ROLES } from './instructions.policy';
import {
  instructionEventData,
  presentInboxItem,
  presentInstruction,
  presentMyReceipt,
  presentReceipts,
  presentSentItem,
  statusOf,
} from './instructions.presenter';
import { instructions, receipts } from './instructions.repository';
import type { SendInstructionBody } from './instructions.schemas';
import { resolveRecipients } from './recipients.service';

const oid = (id: string) => new Types.ObjectId(id);

/**
 * Audit trail of instructions (issue 9): who sent, read, acknowledged or replied to which
 * instruction, when (the injected clock) and from where. Awaited like every audit record, so an
 * action whose record cannot be written fails with it; the reply text is kept with the acknowledgement.
 */
function auditInstruction(
  ctx: AppContext,
  user: AuthUser,
  ip: string | null,
  action: 'instruction.sent' | 'instruction.read' | 'instruction.acknowledged',
  i: Pick<InstructionDoc, '_id' | 'title'>,
  details: Record<string, unknown> = {},
) {
  return recordAudit(ctx, {
    action,
    actor: { id: user.id, username: user.username, role: user.role },
    ip,
    target: { type: 'instruction', id: String(i._id), label: i.title },
    details,
  });
}

/**
 * Sends an instruction (指令下达): checks the sender, resolves the targets to users now, stores
 * the instruction, then one receipt per recipient, then pushes it live to the recipients
 * (who also find it in their inbox at their next login).
 */
export async function sendInstruction(ctx: AppContext, user: AuthUser, body: SendInstructionBody, ip: string | null = null) {
  assertMaySend(user);
  const now = ctx.clock.now();
  const deadline = body.deadline ? new Date(body.deadline) : null;
  if (deadline && deadline <= now) throw unprocessable('DEADLINE_IN_PAST', 'The deadline must lie in the future');
  const recipientIds = await resolveRecipients(user, body.targets);
  const instruction = await instructions.insert({
    senderId: oid(user.id),
    senderName: user.displayName,
    senderRole: user.role,
    senderTeamId: user.role === 'team_leader' && user.teamId ? oid(user.teamId) : null,
    title: body.title,
    body: body.body,
    priority: body.priority,
    deadline,
    targets: {
      teamIds: body.targets.teamIds.map(oid),
      zoneIds: body.targets.zoneIds.map(oid),
      gridIds: body.targets.gridIds.map(oid),
      userIds: body.targets.userIds.map(oid),
    },
    recipientIds: recipientIds.map(oid),
    createdAt: now,
  });
  await receipts.insertFor(instruction, recipientIds);
  await auditInstruction(ctx, user, ip, 'instruction.sent', instruction, {
    priority: body.priority,
    deadline: deadline ? deadline.toISOString() : null,
    recipients: recipientIds.length,
    targets: { ...body.targets },
  });
  announce({ type: 'instruction.sent', audience: { kind: 'users', userIds: recipientIds }, data: instructionEventData(instruction) });
  ctx.logger.info({ instructionId: String(instruction._id), recipients: recipientIds.length, priority: body.priority }, 'instruction sent');
  return presentInstruction(instruction);
}

async function loadInstruction(id: string): Promise<InstructionDoc> {
  const i = await instructions.byId(id);
  if (!i) throw notFound('instruction', id);
  return i;
}

/** The caller's inbox, newest first, with their unread count. */
export async function inbox(ctx: AppContext, user: AuthUser, q: { unread?: boolean; limit: number; cursor?: string }) {
  const [pageOf, unread] = await Promise.all([
    receipts.inbox(user.id, q.unread ?? false, q.limit, q.cursor),
    receipts.unreadCount(user.id),
  ]);
  const byId = new Map((await instructions.byIds(pageOf.items.map((r) => r.instructionId))).map((i) => [String(i._id), i]));
  const now = ctx.clock.now();
  const items = pageOf.items.flatMap((r) => {
    const i = byId.get(String(r.instructionId));
    return i ? [presentInboxItem(i, r, now)] : [];
  });
  return { items, unread, nextCursor: pageOf.nextCursor };
}

/** What the caller sent, newest first, with read/acknowledged counts. */
export async function sent(ctx: AppContext, user: AuthUser, q: { limit: number; cursor?: string }) {
  if (!SENDER_ROLES.includes(user.role)) throw forbidden(`Role ${user.role} does not send instructions`);
  const pageOf = await instructions.sentBy(user.id, q.limit, q.cursor);
  const counts = await receipts.counts(pageOf.items.map((i) => i._id));
  const now = ctx.clock.now();
  return { items: pageOf.items.map((i) => presentSentItem(i, counts.get(String(i._id)), now)), nextCursor: pageOf.nextCursor };
}

/** One instruction for its sender, the bureau or a recipient (with their own receipt); 404 for anyone else. */
export async function getInstruction(ctx: AppContext, user: AuthUser, id: string) {
  const i = await loadInstruction(id);
  const mine = await receipts.of(i._id, user.id);
  if (!maySeeInstruction(user, String(i.senderId), mine !== null)) throw notFound('instruction', id);
  return { ...presentInstruction(i), receipt: mine ? presentMyReceipt(mine, i.deadline, ctx.clock.now()) : null };
}

async function myReceipt(user: AuthUser, id: string): Promise<{ i: InstructionDoc; r: ReceiptDoc }> {
  const i = await loadInstruction(id);
  const r = await receipts.of(i._id, user.id);
  if (!r) throw notFound('instruction', id);
  return { i, r };
}

/** Tells the sender, live, how a recipient's receipt changed. */
function announceReceipt(user: AuthUser, i: InstructionDoc, r: ReceiptDoc, now: Date) {
  announce({
    type: 'instruction.receipt',
    audience: { kind: 'users', userIds: [String(i.senderId)] },
    data: { instructionId: String(i._id), userId: user.id, displayName: user.displayName, ...presentMyReceipt(r, i.deadline, now) },
  });
}

/** Read receipt (已读): the first read time is kept. */
export async function markRead(ctx: AppContext, user: AuthUser, id: string, ip: string | null = null) {
  const { i, r } = await myReceipt(user, id);
  const now = ctx.clock.now();
  if (r.readAt) return presentMyReceipt(r, i.deadline, now);
  const updated = (await receipts.update(r._id, { readAt: now, read: 1 }))!;
  await auditInstruction(ctx, user, ip, 'instruction.read', i);
  announceReceipt(user, i, updated, now);
  return presentMyReceipt(updated, i.deadline, now);
}

/** Acknowledgement (回执) with an optional reply; once only (the reply is part of the record). */
export async function acknowledge(ctx: AppContext, user: AuthUser, id: string, reply: string | undefined, ip: string | null = null) {
  const { i, r } = await myReceipt(user, id);
  if (r.ackAt) {
    throw conflict('ALREADY_ACKNOWLEDGED', 'This instruction was already acknowledged', { acknowledgedAt: r.ackAt.toISOString() });
  }
  const now = ctx.clock.now();
  const updated = (await receipts.update(r._id, { ackAt: now, acked: 1, reply: reply || null, readAt: r.readAt ?? now, read: 1 }))!;
  // Acknowledging an unread instruction reads it too: both are on the record.
  if (!r.readAt) await auditInstruction(ctx, user, ip, 'instruction.read', i, { withAcknowledgement: true });
  await auditInstruction(ctx, user, ip, 'instruction.acknowledged', i, { replied: Boolean(reply), reply: reply || null });
  announceReceipt(user, i, updated, now);
  return presentMyReceipt(updated, i.deadline, now);
}

/** Per-recipient status for the sender and the bureau: read, acknowledged, reply, overdue. */
export async function receiptsOf(ctx: AppContext, user: AuthUser, id: string) {
  if (!SENDER_ROLES.includes(user.role)) throw forbidden(`Role ${user.role} does not see instruction receipts`);
  const i = await loadInstruction(id);
  if (!maySeeReceipts(user, String(i.senderId))) throw notFound('instruction', id);
  const [rows, users] = await Promise.all([
    receipts.all(i._id),
    UserModel.find({ _id: { $in: i.recipientIds } }, { displayName: 1, role: 1 }).lean(),
  ]);
  const byUser = new Map(rows.map((r) => [String(r.userId), r]));
  const names = new Map(users.map((u) => [String(u._id), u]));
  const list = (i.recipientIds ?? []).map((uid) => {
    const u = names.get(String(uid));
    return { userId: String(uid), displayName: u?.displayName ?? '', role: u?.role ?? '', receipt: byUser.get(String(uid)) ?? null };
  });
  // Not acknowledged first (who still owes an answer), then by name.
  const rank = { unread: 0, read: 1, acknowledged: 2 };
  list.sort((a, b) => rank[statusOf(a.receipt)] - rank[statusOf(b.receipt)] || a.displayName.localeCompare(b.displayName, 'zh-CN'));
  return presentReceipts(i, list, ctx.clock.now());
}
