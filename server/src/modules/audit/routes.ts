import { Router } from 'express';
import { auditEventSchema, auditQuerySchema, pageOf, type AuditEvent } from '@app/shared';
import { mountRoute } from '../../lib/http/route.js';
import type { AppContext } from '../../context.js';
import { requireUser } from '../auth/authenticate.js';
import { AuditEventModel, type AuditEventRecord } from './model.js';
import { auditNames, subjectNameOf, type AuditNames } from './names.js';
import { findPage } from '../../lib/pagination.js';

/** One audit event as the bureau reads it: who acted and what it concerned by name, the ids beside them. */
function present(e: AuditEventRecord, names: AuditNames): AuditEvent {
  const actor = e.actorId ? names.actors.get(String(e.actorId)) : undefined;
  const subjectName = subjectNameOf(names, e);
  return {
    id: String(e._id),
    type: e.type,
    ...(e.actorId ? { actorId: String(e.actorId) } : {}),
    ...(actor ? { actor } : {}),
    ...(e.subjectType ? { subjectType: e.subjectType } : {}),
    ...(e.subjectId ? { subjectId: e.subjectId } : {}),
    ...(subjectName ? { subjectName } : {}),
    ...(e.ip ? { ip: e.ip } : {}),
    ...(e.detail ? { detail: e.detail as Record<string, unknown> } : {}),
    at: e.at.toISOString(),
  };
}

/** The audit log, newest first, for bureau accounts only. */
export function auditRoutes(_ctx: AppContext): Router {
  const router = Router();
  mountRoute(
    router,
    {
      method: 'get',
      path: '/audit',
      summary: 'Security-relevant events, newest first',
      tag: 'audit',
      access: ['bureau'],
      query: auditQuerySchema,
      response: pageOf(auditEventSchema),
    },
    [requireUser(['bureau'])],
    async ({ query }) => {
      const filter = query.type ? { type: query.type } : {};
      return findPage(
        AuditEventModel,
        filter,
        { at: -1, _id: -1 },
        query,
        async (records: AuditEventRecord[]) => {
          const names = await auditNames(records);
          return records.map((e) => present(e, names));
        },
      );
    },
  );
  return router;
}
