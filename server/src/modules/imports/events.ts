import type { ActorInfo } from '../auth/events.js';

declare module '../../lib/events.js' {
  interface DomainEventMap {
    /** A spreadsheet import that wrote rows (a dry run writes nothing and is not an event). */
    'import.completed': ActorInfo & { type: string; imported: number; rejected: number };
  }
}
