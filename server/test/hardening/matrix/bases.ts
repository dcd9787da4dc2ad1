/** Rows of the bases area: bases, entry review (admissions), residencies. */
import {
  _,
  all,
  baseOperatorsOnly,
  baseStaff,
  only,
  onSubject,
  signedIn,
  type BySubject,
  type MatrixRows,
} from './rows.js';

/**
 * The review panel (world.ts seats the base's operator and the bureau) scores and reads the scores; to another
 * base's operator the application does not exist; its applicant's members get 403.
 */
function reviewPanel(ok: number): BySubject {
  return onSubject(401, {
    resident: [_, _, 403],
    organization: [403, 403, 403],
    funder: [403, 403, 403],
    operator: [ok, _, 404],
    bureau: [_, _, ok],
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
  'POST /applications/:id/reviews': reviewPanel(201),
  'GET /applications/:id/reviews': reviewPanel(200),
  'POST /applications/:id/decision': applicationOperators(200),
  'POST /applications/:id/withdraw': onSubject(401, {
    resident: [_, _, 404],
    organization: [200, 200, 404],
    funder: [200, 200, 404],
    operator: [403, _, 404],
    bureau: [_, _, 403],
  }),
};
