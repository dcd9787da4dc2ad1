/**
 * The authorization matrix: for every route (and, below, every socket event), the outcome each caller gets, written
 * once. A route acting on a subject has one cell per role and relation: [owner, colleague, stranger], where the
 * colleague is a member of the owner's organization and `_` marks a relation the role cannot have (a resident
 * has no colleagues; the bureau owns no listing). On an organization and a closed listing, an operator's colleague
 * cell is an organization resident in the operator's own base (the listing's owner), and the stranger one resident
 * in another base (subjects.ts). authorization.test.ts runs every cell with a valid call from
 * recipes.ts and fails on any difference, on a route without a row, and on a row without a route.
 */
import type { Caller } from './world.js';

const _ = null;
type Cell = number | null;
/** [owner, colleague, stranger] */
type Triple = readonly [Cell, Cell, Cell];

export interface ByCaller {
  kind: 'by-caller';
  outcome: Record<Caller, number>;
}
export interface BySubject {
  kind: 'by-subject';
  anonymous: number;
  outcome: Record<Exclude<Caller, 'anonymous'>, Triple>;
}
export type MatrixRow = ByCaller | BySubject;

const all = (status: number): ByCaller => ({
  kind: 'by-caller',
  outcome: {
    anonymous: status,
    resident: status,
    organization: status,
    funder: status,
    operator: status,
    bureau: status,
  },
});
const signedIn = (status: number): ByCaller => ({
  kind: 'by-caller',
  outcome: { ...all(status).outcome, anonymous: 401 },
});
const only = (status: number, allowed: Caller[], others = 403): ByCaller => {
  const outcome = { ...signedIn(others).outcome };
  for (const caller of allowed) outcome[caller] = status;
  return { kind: 'by-caller', outcome };
};
const onSubject = (anonymous: number, outcome: BySubject['outcome']): BySubject => ({
  kind: 'by-subject',
  anonymous,
  outcome,
});

/** Owner and colleague may; any stranger gets `refused` (staff included). */
const holdersOnly = (ok: number, refused: number, anonymous = 401) =>
  onSubject(anonymous, {
    resident: [ok, _, refused],
    organization: [ok, ok, refused],
    funder: [ok, ok, refused],
    operator: [ok, _, refused],
    bureau: [_, _, refused],
  });

/** Members of the organization, its base's operators and the bureau may; other accounts get 403. */
const membersAndStaff = (ok: number) =>
  onSubject(401, {
    resident: [_, _, 403],
    organization: [ok, ok, 403],
    funder: [ok, ok, 403],
    operator: [_, ok, 403],
    bureau: [_, _, ok],
  });

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

export const httpMatrix: Record<string, MatrixRow> = {
  'GET /health': all(200),
  'GET /auth/csrf': all(200),
  'POST /auth/register': all(201),
  'POST /auth/login': all(200),
  'POST /auth/logout': all(204),
  'GET /auth/me': all(200),
  'PATCH /auth/me': signedIn(200),
  'POST /auth/password-reset': all(202),
  'POST /auth/password-reset/confirm': all(200),
  'POST /auth/password': signedIn(200),
  'POST /admin/users': only(201, ['bureau']),
  'GET /staff': only(200, ['operator', 'bureau']),

  'POST /bases': only(201, ['bureau']),
  'GET /bases': all(200),
  'GET /bases/:id': onSubject(200, {
    resident: [_, _, 200],
    organization: [_, _, 200],
    funder: [_, _, 200],
    operator: [200, _, 200],
    bureau: [_, _, 200],
  }),

  // A base's operators edit its profile; the bureau any base.
  'PATCH /bases/:id': baseStaff(200, 403),
  'GET /bases/:id/residents': all(200),
  'GET /bases/:id/overdue-matches': baseStaff(200, 403),
  'POST /residencies/:id/graduate': baseOperatorsOnly(200),
  'POST /residencies/:id/exit': baseOperatorsOnly(200),

  // Entry review: members apply; the base's staff list; its operators form the panel and decide; the panel scores.
  'POST /bases/:id/applications': only(201, ['organization', 'funder']),
  'GET /bases/:id/applications': baseStaff(200, 403),
  'GET /applications/mine': signedIn(200),
  'GET /applications/pending-reviews': only(200, ['operator', 'bureau']),
  // To anyone but its applicant, its base's staff and its panel, an application does not exist.
  'GET /applications/:id': onSubject(401, {
    resident: [_, _, 404],
    organization: [200, 200, 404],
    funder: [200, 200, 404],
    operator: [200, _, 404],
    bureau: [_, _, 200],
  }),
  'POST /applications/:id/panel': applicationOperators(200),
  'POST /applications/:id/reviews': onSubject(401, {
    resident: [_, _, 403],
    organization: [403, 403, 403],
    funder: [403, 403, 403],
    operator: [201, _, 404],
    bureau: [_, _, 201],
  }),
  'GET /applications/:id/reviews': onSubject(401, {
    resident: [_, _, 403],
    organization: [403, 403, 403],
    funder: [403, 403, 403],
    operator: [200, _, 404],
    bureau: [_, _, 200],
  }),
  'POST /applications/:id/decision': applicationOperators(200),
  'POST /applications/:id/withdraw': onSubject(401, {
    resident: [_, _, 404],
    organization: [200, 200, 404],
    funder: [200, 200, 404],
    operator: [403, _, 404],
    bureau: [_, _, 403],
  }),

  'POST /organizations': only(201, ['organization', 'funder']),
  'GET /organizations': all(200),
  'GET /organizations/:id': onSubject(200, {
    resident: [_, _, 200],
    organization: [200, 200, 200],
    funder: [200, 200, 200],
    // Another base's operator gets the public view only (authorization.test.ts checks no contact leaks).
    operator: [_, 200, 200],
    bureau: [_, _, 200],
  }),
  'PATCH /organizations/:id': holdersOnlyOrg(200),
  // An operator verifies the organizations of their own base; the bureau any.
  'POST /organizations/:id/verification': onSubject(401, {
    resident: [_, _, 403],
    organization: [403, 403, 403],
    funder: [403, 403, 403],
    operator: [_, 200, 403],
    bureau: [_, _, 200],
  }),
  'POST /organizations/:id/documents': holdersOnlyOrg(201),
  'GET /organizations/:id/documents/:documentId': membersAndStaff(200),
  'POST /organizations/:id/invitations': holdersOnlyOrg(201),
  'POST /organizations/join': only(200, ['organization', 'funder']),
  'GET /organizations/:id/members': membersAndStaff(200),

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

  'GET /audit': only(200, ['bureau']),

  // Statistics: the bureau any scope, an operator its own base's (the recipe names it).
  'GET /stats': only(200, ['operator', 'bureau']),
  'GET /stats/export': only(200, ['operator', 'bureau']),
  'GET /imports/template': only(200, ['operator', 'bureau']),
  'POST /imports': only(200, ['operator', 'bureau']),

  'GET /conversations': signedIn(200),
  // Base and direct conversations are between organizations (and a base's operators): a resident has none, and
  // the bureau is no party to any.
  'POST /conversations': only(201, ['organization', 'funder', 'operator']),
  // A conversation is its members' business: to anyone else it does not exist (404, not 403), staff included.
  'GET /conversations/:id/messages': holdersOnly(200, 404),
  'POST /conversations/:id/messages': holdersOnly(201, 404),
  'POST /conversations/:id/read': holdersOnly(200, 404),

  // Notifications and saved searches are each user's own: another's id, a colleague's too, is not found.
  'GET /notifications': signedIn(200),
  'POST /notifications/:id/read': ownOnly(200),
  'POST /notifications/read-all': signedIn(200),
  'POST /saved-searches': signedIn(201),
  'GET /saved-searches': signedIn(200),
  'DELETE /saved-searches/:id': ownOnly(204),

  // Spaces and events are the business of their base's operators; anyone signed in reads them.
  'POST /bases/:id/spaces': operatorsOfTheBase(201),
  'GET /bases/:id/spaces': readBySignedIn('base'),
  'GET /spaces/:id': readBySignedIn('space'),
  'PATCH /spaces/:id': operatorsOfTheBase(200),
  'GET /spaces/:id/bookings': readBySignedIn('space'),
  // Members of any organization book any base's space; a base's operators book their own base's spaces.
  'POST /spaces/:id/bookings': onSubject(401, {
    resident: [_, _, 403],
    organization: [_, _, 201],
    funder: [_, _, 201],
    operator: [201, _, 403],
    bureau: [_, _, 403],
  }),
  'GET /bookings/mine': signedIn(200),
  // The booker's organization and the base's operators cancel; nobody else.
  'POST /bookings/:id/cancel': onSubject(401, {
    resident: [_, _, 403],
    organization: [200, 200, 403],
    funder: [200, 200, 403],
    operator: [200, 200, 403],
    bureau: [_, _, 403],
  }),
  'POST /bookings/:id/no-show': onSubject(401, {
    resident: [_, _, 403],
    organization: [403, 403, 403],
    funder: [403, 403, 403],
    operator: [200, 200, 403],
    bureau: [_, _, 403],
  }),
  'POST /bases/:id/events': operatorsOfTheBase(201),
  'GET /events': signedIn(200),
  'GET /registrations/mine': signedIn(200),
  'GET /events/:id': readBySignedIn('event'),
  'PATCH /events/:id': operatorsOfTheBase(200),
  'POST /events/:id/cancel': operatorsOfTheBase(200),
  'POST /events/:id/registrations': readBySignedIn('event', 201),
  'POST /events/:id/registrations/cancel': signedIn(200),
  'GET /events/:id/registrations': onSubject(401, {
    resident: [_, _, 403],
    organization: [_, _, 403],
    funder: [_, _, 403],
    operator: [200, _, 403],
    bureau: [_, _, 200],
  }),
  'POST /events/:id/attendance': operatorsOfTheBase(200),
};

/** A base's own operators only (the subject is the base, or a space or event of it); everyone else 403. */
function operatorsOfTheBase(ok: number): BySubject {
  return onSubject(401, {
    resident: [_, _, 403],
    organization: [_, _, 403],
    funder: [_, _, 403],
    operator: [ok, _, 403],
    bureau: [_, _, 403],
  });
}

/** Anyone signed in, whatever base the subject is of. */
function readBySignedIn(_subject: 'base' | 'space' | 'event', ok = 200): BySubject {
  return onSubject(401, {
    resident: [_, _, ok],
    organization: [_, _, ok],
    funder: [_, _, ok],
    operator: [ok, _, ok],
    bureau: [_, _, ok],
  });
}

/** The caller's own record: anyone else's, a colleague's included, is not found. */
function ownOnly(ok: number): BySubject {
  return onSubject(401, {
    resident: [ok, _, 404],
    organization: [ok, 404, 404],
    funder: [ok, 404, 404],
    operator: [ok, _, 404],
    bureau: [ok, _, 404],
  });
}

/** The base's operators and the bureau; another base's operator and everyone else get `refused`. */
function baseStaff(ok: number, refused: number): BySubject {
  return onSubject(401, {
    resident: [_, _, 403],
    organization: [_, _, 403],
    funder: [_, _, 403],
    operator: [ok, _, refused],
    bureau: [_, _, ok],
  });
}

/** The base's operators only: the bureau oversees but does not act; another base's operator is refused. */
function baseOperatorsOnly(ok: number): BySubject {
  return onSubject(401, {
    resident: [_, _, 403],
    organization: [_, _, 403],
    funder: [_, _, 403],
    operator: [ok, _, 403],
    bureau: [_, _, 403],
  });
}

/** An application's base operators act on it; to another base's operator it does not exist. */
function applicationOperators(ok: number): BySubject {
  return onSubject(401, {
    resident: [_, _, 403],
    organization: [403, 403, 403],
    funder: [403, 403, 403],
    operator: [ok, _, 404],
    bureau: [_, _, 403],
  });
}

/** Members edit their organization; nobody else does, staff included. */
function holdersOnlyOrg(ok: number): BySubject {
  return onSubject(401, {
    resident: [_, _, 403],
    organization: [ok, ok, 403],
    funder: [ok, ok, 403],
    operator: [_, 403, 403],
    bureau: [_, _, 403],
  });
}

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
