import { Router } from 'express';
import { z } from 'zod';
import { baseSchema, createBaseBodySchema, idSchema, pageOf, pageQuerySchema, type Base } from '@app/shared';
import { mountRoute } from '../../lib/http/route.js';
import { notFound } from '../../lib/errors.js';
import type { AppContext } from '../../context.js';
import { requireUser } from '../auth/authenticate.js';
import { BaseModel, type BaseRecord } from './model.js';
import { findPage } from '../../lib/pagination.js';

const present = (b: BaseRecord): Base => ({
  id: String(b._id),
  name: b.name,
  level: b.level,
  district: b.district,
  ...(b.street ? { street: b.street } : {}),
  ...(b.address ? { address: b.address } : {}),
  createdAt: b.createdAt.toISOString(),
});
const envelope = z.object({ base: baseSchema });

/** Incubation bases: the bureau creates them; anyone may list them (they are public institutions). */
export function baseRoutes(_ctx: AppContext): Router {
  const router = Router();
  const tag = 'bases';
  mountRoute(
    router,
    {
      method: 'post',
      path: '/bases',
      summary: 'Create an incubation base',
      tag,
      access: ['bureau'],
      body: createBaseBodySchema,
      response: envelope,
      status: 201,
    },
    [requireUser(['bureau'])],
    async ({ body }) => ({ base: present((await BaseModel.create(body)).toObject()) }),
  );
  mountRoute(
    router,
    {
      method: 'get',
      path: '/bases',
      summary: 'List incubation bases',
      tag,
      access: 'public',
      query: pageQuerySchema.strict(),
      response: pageOf(baseSchema),
    },
    [],
    async ({ query }) => {
      return findPage(BaseModel, {}, { _id: 1 }, query, (records: BaseRecord[]) => records.map(present));
    },
  );
  mountRoute(
    router,
    {
      method: 'get',
      path: '/bases/:id',
      summary: 'One incubation base',
      tag,
      access: 'public',
      params: z.strictObject({ id: idSchema }),
      response: envelope,
    },
    [],
    async ({ params }) => {
      const base = await BaseModel.findById(params.id).lean<BaseRecord>();
      if (!base) throw notFound('Base');
      return { base: present(base) };
    },
  );
  return router;
}
