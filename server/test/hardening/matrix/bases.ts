/** Rows of the bases area: bases, entry review (admissions), residencies. */
import { _, all, only, onSubject, signedIn, type BySubject, type MatrixRows } from './rows.js';

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

export const baseRows: MatrixRows = {
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
};
