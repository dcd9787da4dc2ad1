import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Notification } from '@app/shared';
import { fetchNotifications, markAllNotificationsRead, markNotificationRead } from '@/api/notifications.js';

/** The signed-in user's notifications: loaded once, then kept current by the socket's `notification` event. */
export const useNotificationsStore = defineStore('notifications', () => {
  const items = ref<Notification[]>([]);
  const unreadCount = ref(0);
  const loading = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const list = await fetchNotifications();
      items.value = list.items;
      unreadCount.value = list.unreadCount;
    } finally {
      loading.value = false;
    }
  }

  /** A notification pushed live. */
  function receive(notification: Notification): void {
    if (items.value.some((n) => n.id === notification.id)) return;
    items.value = [notification, ...items.value];
    if (!notification.readAt) unreadCount.value += 1;
  }

  async function markRead(id: string): Promise<void> {
    const target = items.value.find((n) => n.id === id);
    if (!target || target.readAt) return;
    target.readAt = new Date().toISOString();
    unreadCount.value = Math.max(0, unreadCount.value - 1);
    await markNotificationRead(id);
  }

  async function markAllRead(): Promise<void> {
    const now = new Date().toISOString();
    for (const n of items.value) n.readAt ??= now;
    unreadCount.value = 0;
    await markAllNotificationsRead();
  }

  function reset(): void {
    items.value = [];
    unreadCount.value = 0;
  }

  return { items, unreadCount, loading, load, receive, markRead, markAllRead, reset };
});
