import { Router } from 'express';
import {
  baseIdParamsSchema,
  endResidencyBodySchema,
  pageOf,
  residencyEnvelopeSchema,
  residencyIdParamsSchema,
  residencySchema,
  residentListQuerySchema,
} from '@app/shared';
import { mountRoute } from '../../lib/http/route.js';
import type { AppContext } from '../../context.js';
import { findPage } from '../../lib/pagination.js';
import { currentUser, requireUser } from '../auth/authenticate.js';
import { findBase } from '../bases/service.js';
import { registerBaseCounter } from '../bases/counts.js';
import { residentCounts } from './facts.js';
import { ResidencyModel, type ResidencyRecord } from './model.js';
import { presentResidencies, presentResidency } from './presenter.js';
import { residencyService, type ResidencyEnd } from './service.js';

/** A base's residents, now and before, and their graduation (出壳) or exit (退出). */
export function residencyRoutes(ctx: AppContext): Router {
  registerBaseCounter('residentCount', residentCounts);
  const router = Router();
  const residencies = residencyService(ctx);
  const tag = 'residencies';
  mountRoute(
    router,
    {
      method: 'get',
      path: '/bases/:id/residents',
      summary: "A base's resident organizations by status (incubating, graduated, exited), newest first",
      tag,
      access: 'public',
      params: baseIdParamsSchema,
      query: residentListQuerySchema,
      response: pageOf(residencySchema),
    },
    [],
    async ({ params, query }) => {
      const base = await findBase(params.id);
      const filter = { baseId: base._id, ...(query.status ? { status: query.status } : {}) };
      return findPage(
        ResidencyModel,
        filter,
        { admittedAt: -1, _id: -1 },
        query,
        (records: ResidencyRecord[]) => presentResidencies(records),
      );
    },
  );
  const end = (path: string, to: ResidencyEnd, summary: string) =>
    mountRoute(
      router,
      {
        method: 'post',
        path: `/residencies/:id/${path}`,
        summary,
        tag,
        access: ['operator'],
        params: residencyIdParamsSchema,
        body: endResidencyBodySchema,
        response: residencyEnvelopeSchema,
      },
      [requireUser(['operator'])],
      async ({ req, params, body }) => ({
        residency: await presentResidency(
          await residencies.end(currentUser(req), params.id, to, body.reason, req.ip),
        ),
      }),
    );
  end('graduate', 'graduated', "Graduate an incubating resident (出壳), saying why (its base's operators)");
  end('exit', 'exited', "End an incubating residency early (退出), saying why (its base's operators)");
  return router;
}
