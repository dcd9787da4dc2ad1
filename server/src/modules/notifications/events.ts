import type { Notification } from '@app/shared';

declare module '../../lib/events.js' {
  interface DomainEventMap {
    /** A notification was stored for a user; the realtime layer pushes it to `user:<id>`. */
    'notification.created': { userId: string; notification: Notification };
  }
}
export {};
