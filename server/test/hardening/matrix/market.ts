/** Rows of the market area: listings, matching (matches, bundles), messages, search and saved searches. */
import type { Caller } from '../world.js';
import { _, all, holdersOnly, only, onSubject, ownOnly, signedIn, type MatrixRows } from './rows.js';

/**
 * A listing that is no longer open: its holders, the operators of its organization's base and the bureau see it;
 * to anyone else, another base's operator included, it does not exist.
 */
const closedListing = onSubject(404, {
  resident: [200, _, 404],
  organization: [200, 200, 404],
  funder: [200, 200, 404],
  operator: [200, 200, 404],
  bureau: [_, _, 200],
});

export const marketRows: MatrixRows = {
  'POST /listings': only(201, ['resident', 'organization', 'funder', 'operator']),
  'GET /listings/mine': signedIn(200),
  'GET /listings/:id': holdersOnly(200, 200, 200),
  'GET /listings/:id (closed)': closedListing,
  'PATCH /listings/:id': holdersOnly(200, 403),
  'POST /listings/:id/close': holdersOnly(200, 403),
  'GET /search': all(200),
  'GET /listings/:id/matches': holdersOnly(200, 200, 200),
  'GET /listings/:id/matches (closed)': closedListing,
  'GET /listings/:id/coverage': onSubject(200, {
    resident: [200, _, 200],
    organization: [200, 200, 200],
    funder: [_, _, 200],
    operator: [_, _, 200],
    bureau: [_, _, 200],
  }),

  'POST /matches': holdersOnly(201, 403),
  // Bundles are the need owner's: they are built from and proposed for one need.
  'GET /listings/:id/bundles': onSubject(401, {
    resident: [200, _, 403],
    organization: [200, 200, 403],
    funder: [_, _, 403],
    operator: [_, _, 403],
    bureau: [_, _, 403],
  }),
  'POST /matches/bundle': onSubject(401, {
    resident: [201, _, 403],
    organization: [201, 201, 403],
    funder: [_, _, 403],
    operator: [_, _, 403],
    bureau: [_, _, 403],
  }),
  'GET /listings/:id/eligibility': holdersOnly(200, 200, 200),
  'GET /matches': signedIn(200),
  // A match is its two sides' business: to anyone else it does not exist (404, not 403).
  'GET /matches/:id': holdersOnly(200, 404),
  'POST /matches/:id/accept': holdersOnly(200, 404),
  'POST /matches/:id/decline': holdersOnly(200, 404),
  'POST /matches/:id/complete': holdersOnly(200, 404),
  'POST /matches/:id/review': holdersOnly(200, 404),
  'GET /matches/:id/contact': holdersOnly(200, 404),
  // Overdue, a proposal reaches the base: the operators whose queue holds it and the bureau read it and remind the
  // side that has not answered (the operator's colleague cell: a need in its base's district).
  'GET /matches/:id (overdue)': onSubject(401, {
    resident: [200, _, 404],
    organization: [200, 200, 404],
    funder: [200, 200, 404],
    operator: [200, 200, 404],
    bureau: [_, _, 200],
  }),
  'POST /matches/:id/remind': onSubject(401, {
    resident: [403, _, 403],
    organization: [403, 403, 403],
    funder: [403, 403, 403],
    operator: [200, 200, 404],
    bureau: [_, _, 200],
  }),
  // Evidence files go with the match: its two sides attach and download them; to anyone else, staff included,
  // the match does not exist.
  'POST /matches/:id/evidence-files': holdersOnly(201, 404),
  'GET /matches/:id/evidence-files/:fileId': holdersOnly(200, 404),

  'GET /conversations': signedIn(200),
  // Base and direct conversations are between organizations (and a base's operators): a resident has none, and
  // the bureau is no party to any.
  'POST /conversations': only(201, ['organization', 'funder', 'operator']),
  // A conversation is its members' business: to anyone else it does not exist (404, not 403), staff included.
  'GET /conversations/:id/messages': holdersOnly(200, 404),
  'POST /conversations/:id/messages': holdersOnly(201, 404),
  'POST /conversations/:id/read': holdersOnly(200, 404),

  // Saved searches are each user's own: another's id, a colleague's too, is not found.
  'POST /saved-searches': signedIn(201),
  'GET /saved-searches': signedIn(200),
  'DELETE /saved-searches/:id': ownOnly(204),
};

/** What a socket event answers: its acknowledgement's `ok`, or the error code it carries. */
export type SocketOutcome = 'ok' | 'unauthenticated' | 'forbidden' | 'not_found';

export interface SocketRow {
  /** A connection without a session is refused at the handshake. */
  anonymous: SocketOutcome;
  /** [participant, colleague of a participant, stranger] */
  outcome: Record<
    Exclude<Caller, 'anonymous'>,
    readonly [SocketOutcome | null, SocketOutcome | null, SocketOutcome]
  >;
}

/** Members of the conversation; to anyone else it does not exist, as over HTTP. */
const participantsOnly: SocketRow = {
  anonymous: 'unauthenticated',
  outcome: {
    resident: ['ok', _, 'not_found'],
    organization: ['ok', 'ok', 'not_found'],
    funder: ['ok', 'ok', 'not_found'],
    operator: ['ok', _, 'not_found'],
    bureau: [_, _, 'not_found'],
  },
};

/**
 * Socket events (docs/api.md, "The core", Socket.IO), by the conversation they name (subject `conversation`).
 * authorization.test.ts runs every cell over a real socket, and fails on an event without a row.
 */
export const socketMatrix: Record<string, SocketRow> = {
  'message:send': participantsOnly,
  'message:read': participantsOnly,
  typing: participantsOnly,
  'conversation:join': participantsOnly,
};
