/** Rows of the spaces area: a base's spaces and their bookings, its events and their registrations. */
import {
  _,
  baseOperatorsOnly,
  baseStaff,
  onSubject,
  signedIn,
  type BySubject,
  type MatrixRows,
} from './rows.js';

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

// Spaces and events are the business of their base's operators; anyone signed in reads them.
export const spaceRows: MatrixRows = {
  'POST /bases/:id/spaces': baseOperatorsOnly(201),
  'GET /bases/:id/spaces': readBySignedIn('base'),
  'GET /spaces/:id': readBySignedIn('space'),
  'PATCH /spaces/:id': baseOperatorsOnly(200),
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
  'POST /bases/:id/events': baseOperatorsOnly(201),
  'GET /events': signedIn(200),
  'GET /registrations/mine': signedIn(200),
  'GET /events/:id': readBySignedIn('event'),
  'PATCH /events/:id': baseOperatorsOnly(200),
  'POST /events/:id/cancel': baseOperatorsOnly(200),
  'POST /events/:id/registrations': readBySignedIn('event', 201),
  'POST /events/:id/registrations/cancel': signedIn(200),
  // The sign-ups are the base's staff's to read: its operators and the bureau.
  'GET /events/:id/registrations': baseStaff(200, 403),
  'POST /events/:id/attendance': baseOperatorsOnly(200),
};
