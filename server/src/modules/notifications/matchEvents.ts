/**
 * The match events notifications listen to. The matching module owns them: until it declares them, they are
 * declared here; when it does, delete this declaration and adapt `subscribeMatchNotifications` to its payloads.
 */
export interface MatchNotice {
  matchId: string;
  /** The users to tell (for a proposal: the other side's owner; for acceptance: the proposer...). */
  notifyUserIds: string[];
  /** Title of the listing concerned, for the notification's wording. */
  listingTitle?: string;
}

declare module '../../lib/events.js' {
  interface DomainEventMap {
    'match.proposed': MatchNotice;
    'match.accepted': MatchNotice;
    'match.overdue': MatchNotice;
  }
}
