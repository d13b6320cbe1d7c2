import { Types } from 'mongoose';
import { badRequest, isDuplicateKey } from '../../core/errors';
import { InstructionModel, InstructionReceiptModel, type InstructionDoc, type ReceiptDoc } from './instruction.model';

const oid = (id: string) => new Types.ObjectId(id);

/** Lists are newest first; the cursor is the last row's (createdAt, _id). */
export function encodeCursor(row: { createdAt: Date; _id: Types.ObjectId }): string {
  return Buffer.from(`${new Date(row.createdAt).getTime()}:${String(row._id)}`).toString('base64url');
}

function afterCursor(cursor: string | undefined): Record<string, unknown> {
  if (!cursor) return {};
  const m = /^(\d{1,15}):([0-9a-f]{24})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw badRequest('INVALID_CURSOR', 'The cursor is not one this list handed out');
  const at = new Date(Number(m[1]));
  return { $or: [{ createdAt: { $lt: at } }, { createdAt: at, _id: { $lt: oid(m[2]!) } }] };
}

async function page<T extends { createdAt: Date; _id: Types.ObjectId }>(
  rows: T[],
  limit: number,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

export const instructions = {
  async insert(doc: Omit<InstructionDoc, '_id'>): Promise<InstructionDoc> {
    return (await InstructionModel.create(doc)).toObject() as unknown as InstructionDoc;
  },
  byId: (id: string) => InstructionModel.findById(id).lean<InstructionDoc>(),
  byIds: (ids: Types.ObjectId[]) =>
    ids.length ? InstructionModel.find({ _id: { $in: ids } }).lean<InstructionDoc[]>() : Promise.resolve([]),
  async sentBy(senderId: string, limit: number, cursor?: string) {
    const rows = await InstructionModel.find({ senderId: oid(senderId), ...afterCursor(cursor) })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<InstructionDoc[]>();
    return page(rows, limit);
  },
};

export const receipts = {
  /** One per recipient; a duplicate (a retried send) is skipped, never doubled. */
  async insertFor(instruction: InstructionDoc, userIds: string[]): Promise<void> {
    const docs = userIds.map((u) => ({
      instructionId: instruction._id,
      userId: oid(u),
      senderId: instruction.senderId,
      createdAt: instruction.createdAt,
    }));
    for (let i = 0; i < docs.length; i += 500) {
      await InstructionReceiptModel.insertMany(docs.slice(i, i + 500), { ordered: false }).catch((err: unknown) => {
        const writeErrors = (err as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors;
        const allDuplicates = writeErrors?.every((w) => (w.code ?? w.err?.code) === 11000);
        if (!isDuplicateKey(err) && !allDuplicates) throw err;
      });
    }
  },
  of: (instructionId: Types.ObjectId, userId: string) =>
    InstructionReceiptModel.findOne({ instructionId, userId: oid(userId) }).lean<ReceiptDoc>(),
  all: (instructionId: Types.ObjectId) => InstructionReceiptModel.find({ instructionId }).lean<ReceiptDoc[]>(),
  async update(id: Types.ObjectId, set: Partial<ReceiptDoc>): Promise<ReceiptDoc | null> {
    await InstructionReceiptModel.updateOne({ _id: id }, { $set: set });
    return InstructionReceiptModel.findById(id).lean<ReceiptDoc>();
  },
  async inbox(userId: string, unreadOnly: boolean, limit: number, cursor?: string) {
    const filter: Record<string, unknown> = { userId: oid(userId), ...afterCursor(cursor) };
    if (unreadOnly) filter.read = 0;
    const rows = await InstructionReceiptModel.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit + 1).lean<ReceiptDoc[]>();
    return page(rows, limit);
  },
  unreadCount: (userId: string) => InstructionReceiptModel.countDocuments({ userId: oid(userId), read: 0 }),
  /**
   * Read and acknowledged counts per instruction (`$group` with `$sum` of the 0/1 flags). One
   * accumulator per pipeline: FerretDB 1.24 answers 0 for every `$sum` after the first in a group.
   */
  async counts(instructionIds: Types.ObjectId[]): Promise<Map<string, { read: number; acked: number }>> {
    if (instructionIds.length === 0) return new Map();
    const sum = (field: 'read' | 'acked') =>
      InstructionReceiptModel.aggregate<{ _id: Types.ObjectId; n: number }>([
        { $match: { instructionId: { $in: instructionIds } } },
        { $group: { _id: '$instructionId', n: { $sum: `$${field}` } } },
      ]);
    const [read, acked] = await Promise.all([sum('read'), sum('acked')]);
    const ackedBy = new Map(acked.map((r) => [String(r._id), r.n]));
    return new Map(read.map((r) => [String(r._id), { read: r.n, acked: ackedBy.get(String(r._id)) ?? 0 }]));
  },
};
