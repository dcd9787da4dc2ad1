import type { ActorInfo } from '../auth/events.js';

declare module '../../lib/events.js' {
  interface DomainEventMap {
    'base.created': ActorInfo & { baseId: string };
    'base.updated': ActorInfo & { baseId: string; fields: string[] };
  }
}
export {};
