import type { Side } from '@app/shared';
import type { ActorInfo } from '../auth/events.js';
import type { ListingRecord } from '../listings/model.js';
import type { MatchRecord } from './model.js';

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

/** The match's two listings as its writer had them at hand (read for the write or left by it). */
export interface MatchListings {
  need: ListingRecord;
  offer: ListingRecord;
}

const committed = new WeakMap<object, { match: MatchRecord; listings?: MatchListings }>();

/**
 * A match event's payload that carries, for the subscribers in the writer's own process, the match as its write
 * committed it (proposed, accepted), and the two listings as the writer had them: they start from these instead
 * of reading them. Never stored with the event: delivered again (the relay), the payload has none and they read
 * the match. A subscriber that uses them checks afterwards, as after a read, whatever may have changed since.
 */
export function withCommittedMatch<T extends object>(payload: T, match: MatchRecord, listings?: MatchListings): T {
  committed.set(payload, { match, ...(listings ? { listings } : {}) });
  return payload;
}

/** The match a match event's payload carries from its writer, if it does. */
export const committedMatch = (payload: object): MatchRecord | undefined => committed.get(payload)?.match;

/** The match's listings a match event's payload carries from its writer, if it does. */
export const committedListings = (payload: object): MatchListings | undefined =>
  committed.get(payload)?.listings;
