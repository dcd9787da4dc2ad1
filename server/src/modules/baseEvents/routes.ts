import { Router } from 'express';
import { z } from 'zod';
import { trusted } from 'mongoose';
import {
  attendanceBodySchema,
  attendanceResultSchema,
  baseEventEnvelopeSchema,
  baseEventIdParamsSchema,
  baseEventListQuerySchema,
  baseEventSchema,
  createBaseEventBodySchema,
  idSchema,
  mySignUpSchema,
  mySignUpsQuerySchema,
  pageOf,
  registrationEnvelopeSchema,
  registrationListSchema,
  updateBaseEventBodySchema,
} from '@app/shared';
import type { AppContext } from '../../context.js';
import { forbidden } from '../../lib/errors.js';
import { mountRoute } from '../../lib/http/route.js';
import { currentUser, requireUser } from '../auth/authenticate.js';
import { BaseEventModel, RegistrationModel, type BaseEventRecord, type RegistrationRecord } from './model.js';
import { baseEventPolicy } from './policy.js';
import { presentEvents, presentMyRegistration, presentRegistrations } from './presenter.js';
import { registrationService } from './registrations.js';
import { baseEventService, findEvent } from './service.js';
import { upcomingFirst } from './listing.js';
import { registerBaseCounter } from '../bases/counts.js';
import { registerSpaceHolds } from '../spaces/holds.js';
import { eventsHoldingSpace, upcomingEventCounts } from './read.js';

/** Trainings, showcases and exchanges of the bases, and sign-ups (docs/api.md, "Trainings and showcase events"). */
export function baseEventRoutes(ctx: AppContext): Router {
  registerSpaceHolds(eventsHoldingSpace);
  registerBaseCounter('upcomingEventCount', upcomingEventCounts);
  const router = Router();
  const events = baseEventService(ctx);
  const signUps = registrationService(ctx);
  const tag = 'events';
  const params = baseEventIdParamsSchema;

  mountRoute(
    router,
    {
      method: 'post',
      path: '/bases/:id/events',
      summary: "Hold a training, showcase or exchange (the base's operators)",
      tag,
      access: ['operator'],
      params: z.strictObject({ id: idSchema }),
      body: createBaseEventBodySchema,
      response: baseEventEnvelopeSchema,
      status: 201,
    },
    [requireUser(['operator'])],
    async ({ req, params, body }) => {
      const user = currentUser(req);
      const event = await events.create(user, params.id, body, req.ip);
      return { event: (await presentEvents(user, [event]))[0]! };
    },
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/events',
      summary: 'Events of the bases, upcoming first',
      tag,
      access: 'user',
      query: baseEventListQuerySchema,
      response: pageOf(baseEventSchema),
    },
    [requireUser()],
    async ({ req, query }) => {
      const filter = {
        ...(query.baseId ? { baseId: query.baseId } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.to ? { startsAt: trusted({ $lt: new Date(query.to) }) } : {}),
        ...(query.from ? { endsAt: trusted({ $gt: new Date(query.from) }) } : {}),
      };
      const page = await upcomingFirst(filter, query, new Date());
      return { ...page, items: await presentEvents(req.user, page.items) };
    },
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/registrations/mine',
      summary: "The caller's sign-ups, with their events",
      tag,
      access: 'user',
      query: mySignUpsQuerySchema,
      response: pageOf(mySignUpSchema),
    },
    [requireUser()],
    async ({ req, query }) => {
      const user = currentUser(req);
      const filter = { userId: user._id, status: trusted({ $in: ['confirmed', 'waitlisted'] }) as never };
      const [records, total] = await Promise.all([
        RegistrationModel.find(filter)
          .sort({ createdAt: -1, _id: -1 })
          .skip((query.page - 1) * query.pageSize)
          .limit(query.pageSize)
          .lean<RegistrationRecord[]>(),
        RegistrationModel.countDocuments(filter),
      ]);
      const evs = await BaseEventModel.find({ _id: trusted({ $in: records.map((r) => r.eventId) }) }).lean<
        BaseEventRecord[]
      >();
      const presented = new Map((await presentEvents(user, evs)).map((e) => [e.id, e]));
      const items = [];
      for (const r of records) {
        const event = presented.get(String(r.eventId));
        if (event) items.push({ event, registration: await presentMyRegistration(r) });
      }
      return { items, total, page: query.page, pageSize: query.pageSize };
    },
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/events/:id',
      summary: "One event, with counts and the caller's sign-up",
      tag,
      access: 'user',
      params,
      response: baseEventEnvelopeSchema,
    },
    [requireUser()],
    async ({ req, params }) => ({ event: (await presentEvents(req.user, [await findEvent(params.id)]))[0]! }),
  );

  mountRoute(
    router,
    {
      method: 'patch',
      path: '/events/:id',
      summary: "Edit an event (the base's operators)",
      tag,
      access: ['operator'],
      params,
      body: updateBaseEventBodySchema,
      response: baseEventEnvelopeSchema,
    },
    [requireUser(['operator'])],
    async ({ req, params, body }) => {
      const user = currentUser(req);
      return { event: (await presentEvents(user, [await events.update(user, params.id, body)]))[0]! };
    },
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/events/:id/cancel',
      summary: "Cancel an event and tell everyone signed up (the base's operators)",
      tag,
      access: ['operator'],
      params,
      response: baseEventEnvelopeSchema,
    },
    [requireUser(['operator'])],
    async ({ req, params }) => {
      const user = currentUser(req);
      return { event: (await presentEvents(user, [await events.cancel(user, params.id, req.ip)]))[0]! };
    },
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/events/:id/registrations',
      summary: 'Sign up: confirmed while seats are left, else on the waiting list with a position',
      tag,
      access: 'user',
      params,
      response: registrationEnvelopeSchema,
      status: 201,
    },
    [requireUser()],
    async ({ req, params }) => ({
      registration: await presentMyRegistration(await signUps.register(currentUser(req), params.id)),
    }),
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/events/:id/registrations/cancel',
      summary: 'Withdraw a sign-up; the first on the waiting list moves up and is told',
      tag,
      access: 'user',
      params,
      response: registrationEnvelopeSchema,
    },
    [requireUser()],
    async ({ req, params }) => ({
      registration: await presentMyRegistration(await signUps.cancel(currentUser(req), params.id)),
    }),
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/events/:id/registrations',
      summary: "Who signed up, confirmed first then the waiting list (the base's operators, the bureau)",
      tag,
      access: ['operator', 'bureau'],
      params,
      response: registrationListSchema,
    },
    [requireUser(['operator', 'bureau'])],
    async ({ req, params }) => {
      const event = await findEvent(params.id);
      if (!baseEventPolicy.canSeeRegistrations(currentUser(req), event.baseId))
        throw forbidden('event.staffSeeRegistrations');
      const records = await RegistrationModel.find({
        eventId: event._id,
        status: trusted({ $in: ['confirmed', 'waitlisted'] }),
      })
        .sort({ seq: 1 })
        .limit(5000)
        .lean<RegistrationRecord[]>();
      const ordered = [
        ...records.filter((r) => r.status === 'confirmed'),
        ...records.filter((r) => r.status === 'waitlisted'),
      ];
      return { items: await presentRegistrations(ordered) };
    },
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/events/:id/attendance',
      summary: "Mark who came (the base's operators, after the start)",
      tag,
      access: ['operator'],
      params,
      body: attendanceBodySchema,
      response: attendanceResultSchema,
    },
    [requireUser(['operator'])],
    async ({ req, params, body }) =>
      signUps.attendance(currentUser(req), params.id, body.userIds, body.present),
  );
  return router;
}
