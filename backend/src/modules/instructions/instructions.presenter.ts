import type { InstructionDoc, ReceiptDoc } from './instruction.model';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
const ids = (v: unknown[] | null | undefined) => (v ?? []).map(String);

export type ReceiptStatus = 'unread' | 'read' | 'acknowledged';

export interface InstructionDto {
  id: string;
  title: string;
  body: string;
  priority: string;
  deadline: string | null;
  sentAt: string;
  sender: { id: string; displayName: string; role: string };
  targets: { teamIds: string[]; zoneIds: string[]; gridIds: string[]; userIds: string[] };
  recipientCount: number;
}

export function presentInstruction(i: InstructionDoc): InstructionDto {
  return {
    id: String(i._id),
    title: i.title,
    body: i.body ?? '',
    priority: i.priority,
    deadline: iso(i.deadline),
    sentAt: iso(i.createdAt)!,
    sender: { id: String(i.senderId), displayName: i.senderName, role: i.senderRole },
    targets: {
      teamIds: ids(i.targets?.teamIds),
      zoneIds: ids(i.targets?.zoneIds),
      gridIds: ids(i.targets?.gridIds),
      userIds: ids(i.targets?.userIds),
    },
    recipientCount: (i.recipientIds ?? []).length,
  };
}

export const statusOf = (r: Pick<ReceiptDoc, 'readAt' | 'ackAt'> | null): ReceiptStatus =>
  r?.ackAt ? 'acknowledged' : r?.readAt ? 'read' : 'unread';

/** Past the deadline without an acknowledgement made by the deadline. */
export function isOverdue(deadline: Date | null | undefined, r: Pick<ReceiptDoc, 'ackAt'> | null, now: Date): boolean {
  if (!deadline || now <= deadline) return false;
  return !r?.ackAt || new Date(r.ackAt) > new Date(deadline);
}

export function presentMyReceipt(r: ReceiptDoc | null, deadline: Date | null | undefined, now: Date) {
  return {
    status: statusOf(r),
    readAt: iso(r?.readAt),
    acknowledgedAt: iso(r?.ackAt),
    reply: r?.reply ?? null,
    overdue: isOverdue(deadline, r, now),
  };
}

/** An inbox row: the instruction (without the target list) and the caller's own receipt. */
export function presentInboxItem(i: InstructionDoc, r: ReceiptDoc, now: Date) {
  const { targets: _targets, recipientCount: _count, ...rest } = presentInstruction(i);
  return { ...rest, receipt: presentMyReceipt(r, i.deadline, now) };
}

export function presentSentItem(i: InstructionDoc, c: { read: number; acked: number } | undefined, now: Date) {
  const recipients = (i.recipientIds ?? []).length;
  const acknowledged = c?.acked ?? 0;
  return {
    ...presentInstruction(i),
    counts: { recipients, read: c?.read ?? 0, acknowledged, unread: recipients - (c?.read ?? 0) },
    overdue: Boolean(i.deadline && now > new Date(i.deadline) && acknowledged < recipients),
  };
}

export interface RecipientRow {
  userId: string;
  displayName: string;
  role: string;
  status: ReceiptStatus;
  readAt: string | null;
  acknowledgedAt: string | null;
  reply: string | null;
  overdue: boolean;
}

export function presentReceipts(
  i: InstructionDoc,
  rows: { userId: string; displayName: string; role: string; receipt: ReceiptDoc | null }[],
  now: Date,
) {
  const recipients: RecipientRow[] = rows.map(({ userId, displayName, role, receipt }) => ({
    userId,
    displayName,
    role,
    ...presentMyReceipt(receipt, i.deadline, now),
  }));
  const count = (s: ReceiptStatus) => recipients.filter((r) => r.status === s).length;
  return {
    instruction: presentInstruction(i),
    summary: {
      recipients: recipients.length,
      unread: count('unread'),
      read: count('read') + count('acknowledged'),
      acknowledged: count('acknowledged'),
      overdue: recipients.filter((r) => r.overdue).length,
    },
    recipients,
  };
}

/** The live event a recipient gets when an instruction is sent (same fields as the inbox). */
export function instructionEventData(i: InstructionDoc) {
  const { targets: _targets, recipientCount: _count, ...rest } = presentInstruction(i);
  return rest;
}
