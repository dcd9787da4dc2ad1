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
export {};
