import { Schema, model, Types } from 'mongoose';

export const PRIORITIES = ['normal', 'urgent'] as const;

/**
 * An instruction (指令) as sent: who sent it, the targets as given (teams, zones, grid cells,
 * users) and the users they resolved to at send time. Immutable after the insert.
 */
const instructionSchema = new Schema(
  {
    senderId: { type: Types.ObjectId, required: true },
    senderName: { type: String, required: true },
    senderRole: { type: String, required: true },
    /** The team a team leader sent within (their scope), null for the bureau. */
    senderTeamId: { type: Types.ObjectId, default: null },
    title: { type: String, required: true },
    body: { type: String, default: '' },
    priority: { type: String, enum: PRIORITIES, required: true },
    deadline: { type: Date, default: null },
    targets: {
      teamIds: { type: [Schema.Types.ObjectId], default: [] },
      zoneIds: { type: [Schema.Types.ObjectId], default: [] },
      gridIds: { type: [Schema.Types.ObjectId], default: [] },
      userIds: { type: [Schema.Types.ObjectId], default: [] },
    },
    recipientIds: { type: [Schema.Types.ObjectId], default: [] },
    createdAt: { type: Date, required: true },
  },
  { collection: 'instructions', minimize: false },
);
instructionSchema.index({ senderId: 1, createdAt: -1 });
instructionSchema.index({ createdAt: -1 });

export interface InstructionDoc {
  _id: Types.ObjectId;
  senderId: Types.ObjectId;
  senderName: string;
  senderRole: string;
  senderTeamId: Types.ObjectId | null;
  title: string;
  body: string;
  priority: (typeof PRIORITIES)[number];
  deadline: Date | null;
  targets: { teamIds: Types.ObjectId[]; zoneIds: Types.ObjectId[]; gridIds: Types.ObjectId[]; userIds: Types.ObjectId[] };
  recipientIds: Types.ObjectId[];
  createdAt: Date;
}
export const InstructionModel = model('Instruction', instructionSchema);

/**
 * One per recipient: (instructionId, userId) is unique, so a retried send never doubles a
 * receipt. `read`/`acked` are 0/1 copies of the timestamps so counts are a `$group` with `$sum`
 * (FerretDB has no `$cond`).
 */
const receiptSchema = new Schema(
  {
    instructionId: { type: Types.ObjectId, required: true },
    userId: { type: Types.ObjectId, required: true },
    senderId: { type: Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
    ackAt: { type: Date, default: null },
    reply: { type: String, default: null },
    read: { type: Number, default: 0 },
    acked: { type: Number, default: 0 },
  },
  { collection: 'instruction_receipts', minimize: false },
);
receiptSchema.index({ instructionId: 1, userId: 1 }, { unique: true });
receiptSchema.index({ userId: 1, createdAt: -1 });
receiptSchema.index({ userId: 1, read: 1 });

export interface ReceiptDoc {
  _id: Types.ObjectId;
  instructionId: Types.ObjectId;
  userId: Types.ObjectId;
  senderId: Types.ObjectId;
  createdAt: Date;
  readAt: Date | null;
  ackAt: Date | null;
  reply: string | null;
  read: number;
  acked: number;
}
export const InstructionReceiptModel = model('InstructionReceipt', receiptSchema);
