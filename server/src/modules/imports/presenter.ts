import type { ImportResult, Locale } from '@app/shared';
import { translate } from '../../lib/messages/index.js';
import type { ImportReport } from './service.js';

/** An import's report as the API answers it, each rejected row's reason in the reader's language. */
export const presentImport = (report: ImportReport, locale: Locale): ImportResult => ({
  imported: report.imported,
  rejected: report.rejected.map((r) => ({
    row: r.row,
    field: r.field,
    message: translate(r.message, locale),
  })),
  dryRun: report.dryRun,
  rows: report.rows,
});
