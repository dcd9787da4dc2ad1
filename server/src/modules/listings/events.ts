declare module '../../lib/events.js' {
  interface DomainEventMap {
    /** A listing was created, edited, closed, expired or matched; subscribers re-read it. */
    'listing.changed': {
      listingId: string;
      change: 'created' | 'updated' | 'closed' | 'expired' | 'matched';
    };
  }
}
export {};
