import { Router } from 'express';
import { trusted } from 'mongoose';
import {
  createStaffBodySchema,
  staffListQuerySchema,
  staffListSchema,
  userEnvelopeSchema,
} from '@app/shared';
import { UserModel, type UserRecord } from '../users/model.js';
import { mountRoute } from '../../lib/http/route.js';
import type { AppContext } from '../../context.js';
import { currentUser, requireUser } from '../auth/authenticate.js';
import { presentPublicUser, presentSelf } from '../users/presenter.js';
import { staffService } from './service.js';

/** Operator and bureau accounts, made only by a bureau account. */
export function staffRoutes(ctx: AppContext): Router {
  const router = Router();
  const staff = staffService(ctx);
  mountRoute(
    router,
    {
      method: 'post',
      path: '/admin/users',
      summary: 'Create an operator or bureau account',
      tag: 'users',
      access: ['bureau'],
      body: createStaffBodySchema,
      response: userEnvelopeSchema,
      status: 201,
    },
    [requireUser(['bureau'])],
    async ({ req, body }) => ({ user: presentSelf(await staff.createStaff(body, currentUser(req), req.ip)) }),
  );
  mountRoute(
    router,
    {
      method: 'get',
      path: '/staff',
      summary: "Operator and bureau accounts, by role and base: reviewers to choose, a base's operators",
      tag: 'users',
      access: ['operator', 'bureau'],
      query: staffListQuerySchema,
      response: staffListSchema,
    },
    [requireUser(['operator', 'bureau'])],
    async ({ query }) => {
      const filter = {
        role: query.role ?? trusted({ $in: ['operator' as const, 'bureau' as const] }),
        ...(query.baseId ? { baseId: query.baseId } : {}),
      };
      const staff = await UserModel.find(filter).sort({ name: 1, _id: 1 }).limit(500).lean<UserRecord[]>();
      return { items: staff.map(presentPublicUser) };
    },
  );
  return router;
}
