import { Types, type QueryFilter } from 'mongoose';
import { AuditEventModel, type AuditEventDoc } from './audit-event.model';

export type NewAuditEvent = Omit<AuditEventDoc, '_id'>;

export async function insertAuditEvent(event: NewAuditEvent): Promise<void> {
  await AuditEventModel.create(event);
}

export interface AuditListFilter {
  action?: string;
  actorId?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  /** Position after which to continue (newest first): the last item of the previous page. */
  after?: { at: Date; id: string };
}

/** Newest first, `limit + 1` rows so the caller can tell whether another page exists. */
export async function findAuditEvents(f: AuditListFilter, limit: number): Promise<AuditEventDoc[]> {
  const and: QueryFilter<AuditEventDoc>[] = [];
  if (f.action) and.push({ action: f.action });
  if (f.actorId) and.push({ actorId: new Types.ObjectId(f.actorId) });
  if (f.targetId) and.push({ targetId: f.targetId });
  if (f.from) and.push({ at: { $gte: f.from } });
  if (f.to) and.push({ at: { $lt: f.to } });
  if (f.after) {
    const id = new Types.ObjectId(f.after.id);
    and.push({ $or: [{ at: { $lt: f.after.at } }, { at: f.after.at, _id: { $lt: id } }] });
  }
  return AuditEventModel.find(and.length ? { $and: and } : {})
    .sort({ at: -1, _id: -1 })
    .limit(limit + 1)
    .lean<AuditEventDoc[]>();
}
