import { Types } from 'mongoose';
import { isDuplicateKey, notFound } from '../../core/errors';
import { NotificationModel } from './notification.model';
import { announceNotification } from '../events';

export interface NoticeInput {
  kind: string;
  title: string;
  body?: string;
  link?: string | null;
  caseId?: string | null;
  /** Same key + user = the same notice (stored once). */
  key: string;
  at: Date;
}

/** Stores a notice for each user once (unique userId+key), skipping duplicates. */
export async function notifyUsers(userIds: string[], n: NoticeInput): Promise<number> {
  let stored = 0;
  for (const userId of new Set(userIds)) {
    try {
      const notice = await NotificationModel.create({
        userId: new Types.ObjectId(userId),
        kind: n.kind,
        title: n.title,
        body: n.body ?? '',
        link: n.link ?? null,
        caseId: n.caseId ? new Types.ObjectId(n.caseId) : null,
        key: n.key,
        at: n.at,
      });
      announceNotification(notice); // live push (issue 9)
      stored++;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  return stored;
}

export async function listNotifications(userId: string, unreadOnly: boolean, limit: number) {
  const filter: Record<string, unknown> = { userId: new Types.ObjectId(userId) };
  if (unreadOnly) filter.readAt = null;
  const [rows, unread] = await Promise.all([
    NotificationModel.find(filter).sort({ at: -1 }).limit(limit).lean(),
    NotificationModel.countDocuments({ userId: new Types.ObjectId(userId), readAt: null }),
  ]);
  return { rows, unread };
}

export async function markRead(userId: string, id: string, at: Date): Promise<void> {
  if (!Types.ObjectId.isValid(id)) throw notFound('notification', id);
  const res = await NotificationModel.updateOne({ _id: new Types.ObjectId(id), userId: new Types.ObjectId(userId) }, { $set: { readAt: at } });
  if (res.matchedCount === 0) throw notFound('notification', id);
}
