import { Router } from 'express';
import { z } from 'zod';
import {
  conversationEnvelopeSchema,
  conversationIdParamsSchema,
  conversationListSchema,
  markReadBodySchema,
  messageEnvelopeSchema,
  messageHistoryQuerySchema,
  messageHistorySchema,
  openConversationBodySchema,
  pageQuerySchema,
  readReceiptSchema,
  sendMessageBodySchema,
} from '@app/shared';
import { mountRoute } from '../../lib/http/route.js';
import type { AppContext } from '../../context.js';
import { currentUser, requireUser } from '../auth/authenticate.js';
import { perAddressLimit } from '../auth/rateLimits.js';
import { conversationInbox } from './inbox.js';
import { conversationOpening } from './opening.js';
import { conversationService } from './service.js';

/** Conversations and messages over HTTP, for lists, history and clients without a socket. */
export function conversationRoutes(ctx: AppContext): Router {
  const router = Router();
  const conversations = conversationService(ctx);
  const inbox = conversationInbox(ctx);
  const opening = conversationOpening(ctx);
  const tag = 'conversations';
  const params = conversationIdParamsSchema;
  const sendLimit = perAddressLimit(240, 60_000);

  mountRoute(
    router,
    {
      method: 'get',
      path: '/conversations',
      summary: "The caller's conversations, most recent first, with unread counts and presence",
      tag,
      access: 'user',
      query: pageQuerySchema,
      response: conversationListSchema,
    },
    [requireUser()],
    async ({ req, query }) => ({
      ...(await inbox.list(currentUser(req), query)),
      page: query.page,
      pageSize: query.pageSize,
    }),
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/conversations',
      summary: 'Open the conversation of an organization with its base, or of two verified organizations',
      tag,
      access: 'user',
      body: openConversationBodySchema,
      response: conversationEnvelopeSchema.extend({ created: z.boolean() }),
      status: 201,
    },
    [requireUser()],
    async ({ req, body }) => {
      const user = currentUser(req);
      const { conversation, created } = await opening.open(user, body);
      const [view] = (await inbox.list(user, { page: 1, pageSize: 1 }, [String(conversation._id)])).items;
      return { conversation: view, created };
    },
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/conversations/:id/messages',
      summary: 'Messages in send order: after one (catch up), before one (scroll back), or the latest',
      tag,
      access: 'user',
      params,
      query: messageHistoryQuerySchema,
      response: messageHistorySchema,
    },
    [requireUser()],
    ({ req, params, query }) => conversations.history(currentUser(req), params.id, query),
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/conversations/:id/messages',
      summary: 'Send a message (the same clientId twice stores it once)',
      tag,
      access: 'user',
      params,
      body: sendMessageBodySchema,
      response: messageEnvelopeSchema,
      status: 201,
    },
    [sendLimit, requireUser()],
    async ({ req, params, body }) => ({
      message: (await conversations.send(currentUser(req), params.id, body)).message,
    }),
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/conversations/:id/read',
      summary: 'Move the read receipt forward to a message',
      tag,
      access: 'user',
      params,
      body: markReadBodySchema,
      response: readReceiptSchema.omit({ userId: true }),
    },
    [requireUser()],
    ({ req, params, body }) => conversations.markRead(currentUser(req), params.id, body.upTo),
  );
  return router;
}
