import type { Notification } from '@app/shared';
import type { NotificationRecord } from './model.js';

export function presentNotification(n: NotificationRecord): Notification {
  const data =
    n.data instanceof Map ? Object.fromEntries(n.data) : (n.data as Record<string, string> | undefined);
  return {
    id: String(n._id),
    type: n.type,
    title: n.title,
    ...(n.body ? { body: n.body } : {}),
    ...(n.link ? { link: n.link } : {}),
    ...(data && Object.keys(data).length ? { data } : {}),
    ...(n.readAt ? { readAt: n.readAt.toISOString() } : {}),
    createdAt: n.createdAt.toISOString(),
  };
}
