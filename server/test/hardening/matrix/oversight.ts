/** Rows of the oversight area: the service's health, the audit log, statistics and their export, imports. */
import { all, only, type MatrixRows } from './rows.js';

export const oversightRows: MatrixRows = {
  'GET /health': all(200),
  'GET /audit': only(200, ['bureau']),

  // Statistics: the bureau any scope, an operator its own base's (the recipe names it).
  'GET /stats': only(200, ['operator', 'bureau']),
  'GET /stats/export': only(200, ['operator', 'bureau']),
  'GET /imports/template': only(200, ['operator', 'bureau']),
  'POST /imports': only(200, ['operator', 'bureau']),
};
