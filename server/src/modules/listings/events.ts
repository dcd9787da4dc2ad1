import type { ListingRecord } from './model.js';

declare module '../../lib/events.js' {
  interface DomainEventMap {
    /** A listing was created, edited, closed, expired or matched; subscribers re-read it. */
    'listing.changed': {
      listingId: string;
      change: 'created' | 'updated' | 'closed' | 'expired' | 'matched';
      /**
       * False when the change left the listing's side, kind, district, domains and amount as they were (what its
       * matches' statistics read of it); absent: they may have changed.
       */
      factsChanged?: boolean;
    };
  }
}

const committed = new WeakMap<object, ListingRecord>();

/**
 * A `listing.changed` payload that carries, for the subscribers in the writer's own process, the listing as its
 * write committed it: they start from it instead of reading it (one round trip fewer each). Never stored with
 * the event: delivered again (the relay), the payload has none and they read the listing. A subscriber that uses
 * it checks afterwards, as after a read, that the listing has not changed since.
 */
export function withCommittedListing<T extends object>(payload: T, listing: ListingRecord): T {
  committed.set(payload, listing);
  return payload;
}

/** The listing a `listing.changed` payload carries from its writer, if it does. */
export const committedListing = (payload: object): ListingRecord | undefined => committed.get(payload);
