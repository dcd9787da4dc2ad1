/** Rows of the accounts area: sign-in and passwords, staff accounts, organizations, notifications. */
import { _, all, only, onSubject, ownOnly, signedIn, type BySubject, type MatrixRows } from './rows.js';

/** Members of the organization, its base's operators and the bureau may; other accounts get 403. */
const membersAndStaff = (ok: number) =>
  onSubject(401, {
    resident: [_, _, 403],
    organization: [ok, ok, 403],
    funder: [ok, ok, 403],
    operator: [_, ok, 403],
    bureau: [_, _, ok],
  });

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

export const accountRows: MatrixRows = {
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

  // Notifications are each user's own: another's id, a colleague's too, is not found.
  'GET /notifications': signedIn(200),
  'POST /notifications/:id/read': ownOnly(200),
  'POST /notifications/read-all': signedIn(200),
};
