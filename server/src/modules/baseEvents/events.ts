import type { ActorInfo } from '../auth/events.js';

declare module '../../lib/events.js' {
  interface DomainEventMap {
    'event.created': ActorInfo & { eventId: string; baseId: string };
    'event.updated': ActorInfo & { eventId: string; baseId: string };
    /** Everyone signed up (confirmed or waiting) is told. */
    'event.cancelled': ActorInfo & { eventId: string; baseId: string; title: string; userIds: string[] };
    /** A waitlisted sign-up moved up to confirmed when a seat came free. */
    'event.registrationPromoted': { eventId: string; title: string; userId: string };
    'event.attendanceTaken': ActorInfo & {
      eventId: string;
      baseId: string;
      userIds: string[];
      present: boolean;
    };
  }
}
