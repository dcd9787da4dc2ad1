import { Router } from 'express';
import { createStaffBodySchema, userEnvelopeSchema } from '@app/shared';
import { mountRoute } from '../../lib/http/route.js';
import type { AppContext } from '../../context.js';
import { currentUser, requireUser } from '../auth/authenticate.js';
import { presentSelf } from '../users/presenter.js';
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
  return router;
}
