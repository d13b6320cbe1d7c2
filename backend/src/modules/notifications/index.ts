export { NotificationModel } from './notification.model';
export { notifyUsers, type NoticeInput } from './notifications.service';
export { createNotificationsRouter } from './notifications.routes';
