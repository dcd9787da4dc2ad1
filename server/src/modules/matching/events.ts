import type { Side } from '@app/shared';
import type { ActorInfo } from '../auth/events.js';

/** Who the two sides are, so subscribers (notifications, conversations) need not load the match. */
export interface MatchParties {
  matchId: string;
  needOwnerId: string;
  offerOwnerId: string;
  actorId?: string;
  /** The side that acted, when one did: its members and owner are not told of their own act. */
  side?: Side;
}

declare module '../../lib/events.js' {
  interface DomainEventMap {
    'match.proposed': MatchParties;
    'match.accepted': MatchParties;
    'match.declined': MatchParties;
    'match.completed': MatchParties;
    'match.reviewed': MatchParties;
    /** A side attached a photo or document as evidence of what was delivered (`side`: the side that did). */
    'match.evidenceAttached': MatchParties & {
      fileId: string;
      contentType: string;
      size: number;
      side: Side;
    };
    'match.expired': MatchParties;
    /** Not answered by its deadline: the base operators of the responding side's organization are told. */
    'match.overdue': MatchParties & { operatorIds: string[] };
    /** Staff reminded the side of an overdue proposal that has not answered (`side`: that side). */
    'match.reminded': MatchParties & { baseId?: string; respondingSide: Side; note?: string; ip?: string };
    'contact.revealed': ActorInfo & { matchId: string; revealedUserId: string };
  }
}
export {};
