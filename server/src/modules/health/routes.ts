import { Router } from 'express';
import { healthSchema, type Health } from '@app/shared';
import { mountRoute } from '../../lib/http/route.js';
import type { AppContext } from '../../context.js';

export function healthRoutes(ctx: AppContext): Router {
  const router = Router();
  mountRoute(
    router,
    {
      method: 'get',
      path: '/health',
      summary: 'Which engine runs each concern',
      tag: 'health',
      access: 'public',
      response: healthSchema,
    },
    [],
    (): Health => ({ status: 'ok', ...ctx.engines, version: ctx.version }),
  );
  return router;
}
