import { z } from 'zod';
import { idSchema, pageOf, pageQuerySchema } from './common.js';

export const notificationTypes = [
  'match.proposed',
  'match.accepted',
  'match.overdue',
  'match.evidenceAttached',
  'message.offline',
  'savedSearch.matched',
  'event.promoted',
  'event.cancelled',
] as const;
export const notificationTypeSchema = z.enum(notificationTypes);
export type NotificationType = z.infer<typeof notificationTypeSchema>;

/** An in-app notification; `title` and `body` are in zh-CN, `data` lets a client word it in another language. */
export const notificationSchema = z.object({
  id: idSchema,
  type: notificationTypeSchema,
  title: z.string(),
  body: z.string().optional(),
  link: z.string().optional(),
  data: z.record(z.string(), z.string()).optional(),
  readAt: z.iso.datetime().optional(),
  createdAt: z.iso.datetime(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = pageQuerySchema.extend({
  unread: z.enum(['true', 'false']).optional(),
});
export const notificationListSchema = pageOf(notificationSchema).extend({
  /** All of the user's unread notifications, not only this page's. */
  unreadCount: z.number().int(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const notificationIdParamsSchema = z.strictObject({ id: idSchema });
