import { Router } from 'express';
import {
  importQuerySchema,
  importResultSchema,
  importTemplateQuerySchema,
  MAX_IMPORT_BYTES,
} from '@app/shared';
import { mountRoute } from '../../lib/http/route.js';
import { attachmentDisposition, singleFileUpload } from '../../lib/http/files.js';
import { validationFailed } from '../../lib/errors.js';
import { localeOf } from '../../lib/http/locale.js';
import type { AppContext } from '../../context.js';
import { currentUser, requireUser } from '../auth/authenticate.js';
import { readSheet, templateWorkbook } from './sheet.js';
import { runImport } from './service.js';
import { presentImport } from './presenter.js';
import './events.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const staff = ['operator', 'bureau'] as const;

/** Bulk import of organizations and listings from a spreadsheet, for a base's operators and the bureau. */
export function importRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'oversight';

  mountRoute(
    router,
    {
      method: 'get',
      path: '/imports/template',
      summary: 'The xlsx template of an import (organizations or listings)',
      tag,
      access: staff,
      query: importTemplateQuerySchema,
    },
    [requireUser(staff)],
    async ({ res, query }) => {
      res.setHeader('Content-Type', XLSX_TYPE);
      res.setHeader('Content-Disposition', attachmentDisposition(`导入模板-${query.type}.xlsx`));
      res.setHeader('Cache-Control', 'private, no-store');
      res.send(await templateWorkbook(query.type));
    },
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/imports',
      summary:
        'Import a filled-in template: each good row whole, each bad row reported (dryRun writes nothing)',
      tag,
      access: staff,
      query: importQuerySchema,
      upload: { field: 'file', maxBytes: MAX_IMPORT_BYTES },
      response: importResultSchema,
    },
    [requireUser(staff), singleFileUpload('file', MAX_IMPORT_BYTES)],
    async ({ req, query }) => {
      if (!req.file)
        throw validationFailed('import.attachTemplate', [{ path: 'file', message: 'field.required' }]);
      const actor = currentUser(req);
      const rows = await readSheet(query.type, req.file.buffer);
      const result = await runImport(ctx, actor, query.type, rows, query.dryRun);
      if (!query.dryRun && result.imported)
        ctx.events.emit('import.completed', {
          actorId: String(actor._id),
          ...(req.ip ? { ip: req.ip } : {}),
          type: query.type,
          imported: result.imported,
          rejected: result.rejected.length,
        });
      return presentImport(result, localeOf(req));
    },
  );
  return router;
}
