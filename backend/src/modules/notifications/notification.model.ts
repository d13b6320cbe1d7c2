import { Schema, model, Types } from 'mongoose';

/**
 * Stored notifications, so nothing is missed while a user is offline: tasks, action items,
 * deadline warnings (预警), instructions. The live channel pushes them too when it exists.
 */
const notificationSchema = new Schema(
  {
    userId: { type: Types.ObjectId, required: true },
    kind: { type: String, required: true },
    title: { type: String, required: true },
    body: { type: String, default: '' },
    link: { type: String, default: null },
    caseId: { type: Types.ObjectId, default: null },
    /** Dedupe key: the same notice is stored once per user. */
    key: { type: String, required: true },
    at: { type: Date, required: true },
    readAt: { type: Date, default: null },
  },
  { collection: 'notifications' },
);
notificationSchema.index({ userId: 1, key: 1 }, { unique: true });
notificationSchema.index({ userId: 1, readAt: 1, at: -1 });
export const NotificationModel = model('Notification', notificationSchema);
