import { notificationListSchema } from '@app/shared';
import { api, type HttpClient } from './http.js';

export function fetchNotifications(client: HttpClient = api) {
  return client.get('/api/notifications', { query: { pageSize: 50 }, schema: notificationListSchema });
}

export async function markNotificationRead(id: string, client: HttpClient = api): Promise<void> {
  await client.post(`/api/notifications/${id}/read`);
}

export async function markAllNotificationsRead(client: HttpClient = api): Promise<void> {
  await client.post('/api/notifications/read-all');
}
