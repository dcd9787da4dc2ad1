import { Router } from 'express';
import { healthSchema, type Health } from '@app/shared';
import { mountRoute } from '../../lib/http/route.js';
import type { AppContext } from '../../context.js';
import { outboxLag } from '../../lib/outbox.js';

export function healthRoutes(ctx: AppContext): Router {
  const router = Router();
  mountRoute(
    router,
    {
      method: 'get',
      path: '/health',
      summary: 'Which engine runs each concern, and whether the search index lags',
      tag: 'health',
      access: 'public',
      response: healthSchema,
    },
    [],
    async (): Promise<Health> => ({
      status: 'ok',
      ...ctx.engines,
      version: ctx.version,
      searchIndex: await (ctx.searchWrites?.health() ??
        outboxLag().then((lag) => ({ ...lag, unconfirmedWrites: 0, failedWrites: 0 }))),
    }),
  );
  return router;
}
