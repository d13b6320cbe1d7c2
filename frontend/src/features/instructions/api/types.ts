/** Instruction (指令) DTOs as `/api/v1/instructions` answers them (backend instructions.presenter). */
export type Priority = 'normal' | 'urgent';
export type ReceiptStatus = 'unread' | 'read' | 'acknowledged';

export interface InstructionBase {
  id: string;
  title: string;
  body: string;
  priority: Priority;
  deadline: string | null;
  sentAt: string;
  sender: { id: string; displayName: string; role: string };
}

export interface MyReceipt {
  status: ReceiptStatus;
  readAt: string | null;
  acknowledgedAt: string | null;
  reply: string | null;
  overdue: boolean;
}

/** An inbox row: the instruction and the caller's own receipt. */
export interface InboxItem extends InstructionBase {
  receipt: MyReceipt;
}

export interface InstructionDto extends InstructionBase {
  targets: { teamIds: string[]; zoneIds: string[]; gridIds: string[]; userIds: string[] };
  recipientCount: number;
}

export interface SentItem extends InstructionDto {
  counts: { recipients: number; read: number; acknowledged: number; unread: number };
  overdue: boolean;
}

export interface RecipientRow extends MyReceipt {
  userId: string;
  displayName: string;
  role: string;
}

export interface ReceiptsDto {
  instruction: InstructionDto;
  summary: { recipients: number; unread: number; read: number; acknowledged: number; overdue: number };
  recipients: RecipientRow[];
}

export const instructionKeys = {
  all: ['instructions'] as const,
  inbox: (f: object) => ['instructions', 'inbox', f] as const,
  unread: ['instructions', 'unread'] as const,
  sent: ['instructions', 'sent'] as const,
  receipts: (id: string) => ['instructions', 'receipts', id] as const,
};
