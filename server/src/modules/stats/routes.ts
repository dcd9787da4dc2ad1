import { Router } from 'express';
import { districtByCode, statsExportQuerySchema, statsQuerySchema, statsSchema } from '@app/shared';
import { mountRoute } from '../../lib/http/route.js';
import { attachmentDisposition } from '../../lib/http/files.js';
import { forbidden } from '../../lib/errors.js';
import type { AppContext } from '../../context.js';
import { currentUser, requireUser } from '../auth/authenticate.js';
import { districtCsv, evaluationWorkbook } from './evaluation.js';
import { currentYear, yearPeriod } from './period.js';
import { statsPolicy as policy } from './policy.js';
import { computeStats } from './service.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const refusal = 'stats.ownBaseOnly';

/** Oversight (监督评估): statistics of any period and scope, and the annual evaluation to download. */
export function statsRoutes(_ctx: AppContext): Router {
  const router = Router();
  const tag = 'oversight';

  mountRoute(
    router,
    {
      method: 'get',
      path: '/stats',
      summary: 'Statistics of a period and scope (bureau: any; operators: their own base)',
      tag,
      access: ['operator', 'bureau'],
      query: statsQuerySchema,
      response: statsSchema,
    },
    [requireUser(['operator', 'bureau'])],
    async ({ req, query }) => {
      if (!policy.canRead(currentUser(req), query)) throw forbidden(refusal);
      return computeStats(query);
    },
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/stats/export',
      summary: 'The annual evaluation as an xlsx workbook, or the district table as CSV',
      tag,
      access: ['operator', 'bureau'],
      query: statsExportQuerySchema,
    },
    [requireUser(['operator', 'bureau'])],
    async ({ req, res, query }) => {
      if (!policy.canRead(currentUser(req), query)) throw forbidden(refusal);
      const year = query.year ?? currentYear();
      const { from, to } = yearPeriod(year);
      const scope = {
        ...(query.district ? { district: query.district } : {}),
        ...(query.baseId ? { baseId: query.baseId } : {}),
      };
      const stats = await computeStats({ ...scope, from: from.toISOString(), to: to.toISOString() });
      const scopeName =
        stats.scope.baseName ??
        (stats.scope.district ? districtByCode(stats.scope.district)?.zh : '上海市') ??
        '';
      const slug = stats.scope.baseId ?? stats.scope.district ?? 'shanghai';
      res.setHeader('Cache-Control', 'private, no-store');
      if (query.format === 'csv') {
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', attachmentDisposition(`各区统计-${year}-${slug}.csv`));
        res.send(districtCsv(stats));
        return;
      }
      res.setHeader('Content-Type', XLSX_TYPE);
      res.setHeader('Content-Disposition', attachmentDisposition(`年度综合评估-${year}-${slug}.xlsx`));
      res.send(await evaluationWorkbook(stats, year, scopeName));
    },
  );
  return router;
}
