import { z } from 'zod';
import { idSchema } from './common.js';
import { districtCodeSchema, domainSchema } from '../taxonomy/index.js';

/** A day (`2026-03-01`, a whole day in Asia/Shanghai) or an ISO 8601 date-time. */
const periodBound = z.union([
  z.iso.date({ message: 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time' }),
  z.iso.datetime({ offset: true, message: 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time' }),
]);

/** What the statistics cover: a period (`from` inclusive, `to` inclusive of its whole day) and a scope. */
export const statsQuerySchema = z
  .strictObject({
    from: periodBound.optional(),
    to: periodBound.optional(),
    district: districtCodeSchema.optional(),
    baseId: idSchema.optional(),
    domain: domainSchema.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from.slice(0, 10) <= q.to.slice(0, 10), {
    path: ['to'],
    message: 'the end is before the start',
  });
export type StatsQuery = z.infer<typeof statsQuerySchema>;

export const statsScopeSchema = z.object({
  level: z.enum(['city', 'district', 'base']),
  district: z.string().optional(),
  baseId: z.string().optional(),
  baseName: z.string().optional(),
  domain: z.string().optional(),
});
export type StatsScope = z.infer<typeof statsScopeSchema>;

const count = z.number().int().nonnegative();

export const districtFiguresSchema = z.object({
  needs: count,
  met: count,
  matches: count,
  fundsLeveraged: z.number().nonnegative(),
});
export type DistrictFigures = z.infer<typeof districtFiguresSchema>;

export const monthFiguresSchema = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  needs: count,
  met: count,
  matches: count,
});

/** The figures of one period and scope (definitions: docs/statistics.md). */
export const statsFiguresSchema = z.object({
  needs: z.object({ posted: count, met: count }),
  offers: z.object({ posted: count, used: count }),
  matches: z.object({
    proposed: count,
    accepted: count,
    completed: count,
    declined: count,
    expired: count,
    overdue: count,
  }),
  acceptRate: z.number().min(0).max(1),
  medianHoursToFirstResponse: z.number().nonnegative().nullable(),
  medianHoursToAccept: z.number().nonnegative().nullable(),
  fundsLeveraged: z.number().nonnegative(),
  priorityDomainShare: z.number().min(0).max(1),
  bookings: z.object({ count, hours: z.number().nonnegative(), noShows: count }),
  events: z.object({ count, registrations: count, attended: count }),
  residents: z.object({ incubating: count, admitted: count, graduated: count, exited: count }),
  verificationsPending: count,
});
export type StatsFigures = z.infer<typeof statsFiguresSchema>;

/** Per base and per domain: what the dashboard's drill-down tables show. */
export const baseFiguresSchema = z.object({
  baseId: z.string(),
  name: z.string(),
  district: z.string(),
  needs: count,
  met: count,
  matches: count,
  incubating: count,
  admitted: count,
  graduated: count,
  exited: count,
});
export const domainFiguresSchema = z.object({ domain: z.string(), needs: count, offers: count, met: count });

export const statsSchema = statsFiguresSchema.extend({
  scope: statsScopeSchema,
  from: z.string(),
  to: z.string(),
  byDistrict: z.record(z.string(), districtFiguresSchema),
  byMonth: z.array(monthFiguresSchema),
  byBase: z.array(baseFiguresSchema),
  byDomain: z.array(domainFiguresSchema),
  /** The same figures for the period of equal length just before, for the change shown beside each. */
  previous: statsFiguresSchema,
});
export type Stats = z.infer<typeof statsSchema>;

export const statsExportQuerySchema = z.strictObject({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  district: districtCodeSchema.optional(),
  baseId: idSchema.optional(),
});

/** What can be imported from a spreadsheet. */
export const importTypes = ['organizations', 'listings'] as const;
export const importTypeSchema = z.enum(importTypes);
export type ImportType = z.infer<typeof importTypeSchema>;

export const importTemplateQuerySchema = z.strictObject({ type: importTypeSchema });
export const importQuerySchema = z.strictObject({
  type: importTypeSchema,
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/** A rejected row: `row` is the sheet's own row number (the header is row 1). */
export const importRejectionSchema = z.object({
  row: z.number().int().min(2),
  field: z.string(),
  message: z.string(),
});
export const importResultSchema = z.object({
  imported: count,
  rejected: z.array(importRejectionSchema),
  dryRun: z.boolean(),
  rows: count,
});
export type ImportResult = z.infer<typeof importResultSchema>;

/** Largest spreadsheet accepted for import, and most data rows in one. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 2000;
