import { watch } from 'vue';
import { updateSelf } from '@/api/auth.js';
import type { AppLocale } from '@/i18n/index.js';
import { useInboxStore } from '@/stores/inbox.js';
import { useNotificationsStore } from '@/stores/notifications.js';
import { usePreferencesStore } from '@/stores/preferences.js';
import { useRealtimeStore } from '@/stores/realtime.js';
import { useSavedSearchesStore } from '@/stores/savedSearches.js';
import { useSessionStore } from '@/stores/session.js';

/**
 * What follows the signed-in user: their elder-mode choice, the live connection, notifications and the inbox.
 * Signing out closes the connection and forgets everything that was theirs.
 */
export function useSessionLifecycle(): void {
  const session = useSessionStore();
  const preferences = usePreferencesStore();
  const realtime = useRealtimeStore();
  const notifications = useNotificationsStore();
  const inbox = useInboxStore();
  const saved = useSavedSearchesStore();

  realtime.on('notification', (n) => notifications.receive(n));
  realtime.on('message:new', ({ message }) => inbox.receive(message, session.user?.id));
  // After a reconnection the counts may have moved while the socket was away.
  realtime.onConnect(() => {
    if (inbox.loaded) void inbox.load().catch(() => undefined);
  });

  // The phone knows first when the network is gone: stop trying until it is back, then catch up at once.
  window.addEventListener('offline', () => realtime.socket?.disconnect());
  window.addEventListener('online', () => realtime.socket?.connect());

  /** The account keeps the language, so that the server's messages and error answers follow it. */
  function keepLanguage(locale: AppLocale): void {
    void updateSelf({ locale })
      .then((user) => {
        if (session.user?.id === user.id) session.user = user;
      })
      .catch(() => undefined);
  }

  watch(
    () => session.user?.id ?? null,
    (id, before) => {
      preferences.bindUser(id);
      if (id === before) return;
      // An account that chose a language gets it back on any device; one that never chose takes this device's.
      const chosen = session.user?.locale;
      if (chosen && chosen !== preferences.locale) void preferences.setLanguage(chosen);
      else if (id && !chosen) keepLanguage(preferences.locale);
      realtime.disconnect();
      notifications.reset();
      inbox.reset();
      saved.reset();
      if (!id) return;
      void realtime.connect();
      void notifications.load().catch(() => undefined);
      void inbox.load().catch(() => undefined);
    },
    { immediate: true },
  );

  watch(
    () => preferences.locale,
    (locale) => {
      if (session.user && session.user.locale !== locale) keepLanguage(locale);
    },
  );
}
