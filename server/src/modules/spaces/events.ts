import type { ActorInfo } from '../auth/events.js';

declare module '../../lib/events.js' {
  interface DomainEventMap {
    'space.created': ActorInfo & { spaceId: string; baseId: string };
    'space.updated': ActorInfo & { spaceId: string; baseId: string };
    'booking.created': ActorInfo & {
      bookingId: string;
      spaceId: string;
      baseId: string;
      organizationId?: string;
    };
    'booking.cancelled': ActorInfo & {
      bookingId: string;
      spaceId: string;
      baseId: string;
      organizationId?: string;
    };
    'booking.noShow': ActorInfo & {
      bookingId: string;
      spaceId: string;
      baseId: string;
      organizationId?: string;
    };
  }
}
