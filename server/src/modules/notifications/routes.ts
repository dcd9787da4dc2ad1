import { Router } from 'express';
import { z } from 'zod';
import {
  notificationIdParamsSchema,
  notificationListQuerySchema,
  notificationListSchema,
  notificationSchema,
} from '@app/shared';
import { mountRoute } from '../../lib/http/route.js';
import type { AppContext } from '../../context.js';
import { currentUser, requireUser } from '../auth/authenticate.js';
import { notificationService } from './service.js';

/** The signed-in user's in-app notifications. */
export function notificationRoutes(ctx: AppContext): Router {
  const router = Router();
  const notifications = notificationService(ctx);
  const tag = 'notifications';

  mountRoute(
    router,
    {
      method: 'get',
      path: '/notifications',
      summary: 'My notifications, newest first, with the unread count',
      tag,
      access: 'user',
      query: notificationListQuerySchema,
      response: notificationListSchema,
    },
    [requireUser()],
    ({ req, query }) => notifications.list(currentUser(req)._id, query),
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/notifications/:id/read',
      summary: 'Mark one notification read',
      tag,
      access: 'user',
      params: notificationIdParamsSchema,
      response: z.object({ notification: notificationSchema }),
    },
    [requireUser()],
    async ({ req, params }) => ({
      notification: await notifications.markRead(currentUser(req)._id, params.id),
    }),
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/notifications/read-all',
      summary: 'Mark every notification read',
      tag,
      access: 'user',
      response: z.object({ updated: z.number().int() }),
    },
    [requireUser()],
    async ({ req }) => ({ updated: await notifications.markAllRead(currentUser(req)._id) }),
  );
  return router;
}
