import { Router } from 'express';
import {
  baseIdParamsSchema,
  matchEnvelopeSchema,
  matchIdParamsSchema,
  matchSchema,
  overdueMatchListQuerySchema,
  pageOf,
  remindMatchBodySchema,
} from '@app/shared';
import { mountRoute } from '../../lib/http/route.js';
import type { AppContext } from '../../context.js';
import { findPage } from '../../lib/pagination.js';
import { currentUser, requireUser } from '../auth/authenticate.js';
import { baseForQueue, overdueFilter, overdueService } from './baseQueue.js';
import { MatchModel, type MatchRecord } from './model.js';
import { presentMatch } from './presenter.js';

/** Overdue proposals reach the base: its queue, and a reminder to the side that has not answered. */
export function overdueRoutes(ctx: AppContext): Router {
  const router = Router();
  const overdue = overdueService(ctx);
  const tag = 'matching';
  mountRoute(
    router,
    {
      method: 'get',
      path: '/bases/:id/overdue-matches',
      summary:
        "A base's overdue proposals: either side's organization incubating in it, or the need in its district " +
        '(its operators, the bureau), oldest deadline first',
      tag,
      access: ['operator', 'bureau'],
      params: baseIdParamsSchema,
      query: overdueMatchListQuerySchema,
      response: pageOf(matchSchema),
    },
    [requireUser(['operator', 'bureau'])],
    async ({ req, params, query }) => {
      const user = currentUser(req);
      const base = await baseForQueue(user, params.id);
      return findPage(
        MatchModel,
        await overdueFilter(base),
        { deadline: 1, _id: 1 },
        query,
        (records: MatchRecord[]) => records.map((m) => presentMatch(m, user)),
      );
    },
  );
  mountRoute(
    router,
    {
      method: 'post',
      path: '/matches/:id/remind',
      summary:
        "Remind the side of an overdue proposal that has not answered (its base's operators, the bureau); audited",
      tag,
      access: ['operator', 'bureau'],
      params: matchIdParamsSchema,
      body: remindMatchBodySchema,
      response: matchEnvelopeSchema,
    },
    [requireUser(['operator', 'bureau'])],
    async ({ req, params, body }) => {
      const user = currentUser(req);
      return { match: presentMatch(await overdue.remind(user, params.id, body.note, req.ip), user) };
    },
  );
  return router;
}
