import { Router } from 'express';
import {
  baseEnvelopeSchema,
  baseIdParamsSchema,
  baseListQuerySchema,
  baseSchema,
  createBaseBodySchema,
  pageOf,
  updateBaseBodySchema,
} from '@app/shared';
import { mountRoute } from '../../lib/http/route.js';
import type { AppContext } from '../../context.js';
import { findPage } from '../../lib/pagination.js';
import { currentUser, requireUser } from '../auth/authenticate.js';
import { BaseModel, type BaseRecord } from './model.js';
import { presentBase, presentBases } from './presenter.js';
import { baseService, findBase } from './service.js';

/** Incubation bases: the bureau creates them, their operators and the bureau edit them; anyone may read them. */
export function baseRoutes(ctx: AppContext): Router {
  const router = Router();
  const bases = baseService(ctx);
  const tag = 'bases';
  mountRoute(
    router,
    {
      method: 'post',
      path: '/bases',
      summary: 'Create an incubation base (the bureau)',
      tag,
      access: ['bureau'],
      body: createBaseBodySchema,
      response: baseEnvelopeSchema,
      status: 201,
    },
    [requireUser(['bureau'])],
    async ({ req, body }) => ({
      base: await presentBase(await bases.create(currentUser(req), body, req.ip)),
    }),
  );
  mountRoute(
    router,
    {
      method: 'get',
      path: '/bases',
      summary: 'List incubation bases, by district and level',
      tag,
      access: 'public',
      query: baseListQuerySchema,
      response: pageOf(baseSchema),
    },
    [],
    async ({ query }) => {
      const filter = {
        ...(query.district ? { district: query.district } : {}),
        ...(query.level ? { level: query.level } : {}),
      };
      return findPage(BaseModel, filter, { district: 1, _id: 1 }, query, (records: BaseRecord[]) =>
        presentBases(records),
      );
    },
  );
  mountRoute(
    router,
    {
      method: 'get',
      path: '/bases/:id',
      summary: 'One incubation base, with its residents, spaces and upcoming events counted',
      tag,
      access: 'public',
      params: baseIdParamsSchema,
      response: baseEnvelopeSchema,
    },
    [],
    async ({ params }) => ({ base: await presentBase(await findBase(params.id)) }),
  );
  mountRoute(
    router,
    {
      method: 'patch',
      path: '/bases/:id',
      summary: 'Edit a base: its operators its profile, the bureau anything (where it lies included)',
      tag,
      access: ['operator', 'bureau'],
      params: baseIdParamsSchema,
      body: updateBaseBodySchema,
      response: baseEnvelopeSchema,
    },
    [requireUser(['operator', 'bureau'])],
    async ({ req, params, body }) => ({
      base: await presentBase(await bases.update(currentUser(req), params.id, body, req.ip)),
    }),
  );
  return router;
}
