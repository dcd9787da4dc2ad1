/**
 * The authorization matrix: for every route (and every socket event), the outcome each caller gets, written once,
 * one file an area in matrix/. A route acting on a subject has one cell per role and relation: [owner, colleague,
 * stranger], where the colleague is a member of the owner's organization and `_` marks a relation the role cannot
 * have (a resident has no colleagues; the bureau owns no listing). On an organization and a closed listing, an
 * operator's colleague cell is an organization resident in the operator's own base (the listing's owner), and the
 * stranger one resident in another base (subjects.ts). authorization.test.ts runs every cell with a valid call from
 * recipes.ts and fails on any difference, on a route without a row, and on a row without a route.
 */
import { assembled } from './areas.js';
import { accountRows } from './matrix/accounts.js';
import { baseRows } from './matrix/bases.js';
import { marketRows } from './matrix/market.js';
import { oversightRows } from './matrix/oversight.js';
import type { MatrixRows } from './matrix/rows.js';
import { spaceRows } from './matrix/spaces.js';

export type { ByCaller, BySubject, MatrixRow } from './matrix/rows.js';
export { socketMatrix, type SocketOutcome, type SocketRow } from './matrix/market.js';

export const httpMatrix: MatrixRows = assembled({
  accounts: accountRows,
  bases: baseRows,
  market: marketRows,
  oversight: oversightRows,
  spaces: spaceRows,
});
