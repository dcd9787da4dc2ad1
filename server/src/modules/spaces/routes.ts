import { Router } from 'express';
import { z } from 'zod';
import {
  addShanghaiDays,
  bookingEnvelopeSchema,
  bookingSchema,
  createBookingBodySchema,
  createSpaceBodySchema,
  idSchema,
  myBookingsQuerySchema,
  pageOf,
  spaceCalendarQuerySchema,
  spaceCalendarSchema,
  spaceEnvelopeSchema,
  spaceIdParamsSchema,
  spaceListSchema,
  startOfShanghaiWeek,
  updateSpaceBodySchema,
} from '@app/shared';
import { trusted } from 'mongoose';
import type { AppContext } from '../../context.js';
import { validationFailed } from '../../lib/errors.js';
import { mountRoute } from '../../lib/http/route.js';
import { findPage } from '../../lib/pagination.js';
import { currentUser, requireUser } from '../auth/authenticate.js';
import { BookingModel, SpaceModel, type SpaceRecord } from './model.js';
import { spacePolicy } from './policy.js';
import { presentBookings, presentCalendar, presentSpace } from './presenter.js';
import { findSpace, spaceService } from './service.js';
import { registerBaseCounter } from '../bases/counts.js';
import { spaceCounts } from './read.js';
import { holdsOf } from './holds.js';

const MAX_CALENDAR_DAYS = 62;
const baseParams = z.strictObject({ id: idSchema });

/** Shared spaces of a base, their calendars, and bookings (docs/api.md, "Spaces and bookings"). */
export function spaceRoutes(ctx: AppContext): Router {
  registerBaseCounter('spaceCount', spaceCounts);
  const router = Router();
  const spaces = spaceService(ctx);
  const tag = 'spaces';
  const oneBooking = async (b: Parameters<typeof presentBookings>[0][number]) => ({
    booking: (await presentBookings([b]))[0]!,
  });

  mountRoute(
    router,
    {
      method: 'post',
      path: '/bases/:id/spaces',
      summary: 'Add a shared space to a base (its operators)',
      tag,
      access: ['operator'],
      params: baseParams,
      body: createSpaceBodySchema,
      response: spaceEnvelopeSchema,
      status: 201,
    },
    [requireUser(['operator'])],
    async ({ req, params, body }) => ({
      space: presentSpace(await spaces.create(currentUser(req), params.id, body, req.ip)),
    }),
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/bases/:id/spaces',
      summary: "A base's shared spaces (archived ones for its staff only)",
      tag,
      access: 'user',
      params: baseParams,
      response: spaceListSchema,
    },
    [requireUser()],
    async ({ req, params }) => {
      const staff = spacePolicy.isStaffOf(currentUser(req), params.id);
      const records = await SpaceModel.find({ baseId: params.id, ...(staff ? {} : { active: true }) })
        .sort({ createdAt: 1, _id: 1 })
        .limit(200)
        .lean<SpaceRecord[]>();
      return { items: records.map(presentSpace) };
    },
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/spaces/:id',
      summary: 'One shared space',
      tag,
      access: 'user',
      params: spaceIdParamsSchema,
      response: spaceEnvelopeSchema,
    },
    [requireUser()],
    async ({ params }) => ({ space: presentSpace(await findSpace(params.id)) }),
  );

  mountRoute(
    router,
    {
      method: 'patch',
      path: '/spaces/:id',
      summary: "Edit or archive a space (its base's operators)",
      tag,
      access: ['operator'],
      params: spaceIdParamsSchema,
      body: updateSpaceBodySchema,
      response: spaceEnvelopeSchema,
    },
    [requireUser(['operator'])],
    async ({ req, params, body }) => ({
      space: presentSpace(await spaces.update(currentUser(req), params.id, body)),
    }),
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/spaces/:id/bookings',
      summary: "A space's calendar: booked time, and who booked only for staff and the booker",
      tag,
      access: 'user',
      params: spaceIdParamsSchema,
      query: spaceCalendarQuerySchema,
      response: spaceCalendarSchema,
    },
    [requireUser()],
    async ({ req, params, query }) => {
      const from = query.from ? new Date(query.from) : startOfShanghaiWeek(new Date());
      const to = query.to ? new Date(query.to) : addShanghaiDays(from, 7);
      if (to.getTime() <= from.getTime() || to.getTime() - from.getTime() > MAX_CALENDAR_DAYS * 86_400_000) {
        throw validationFailed(
          'request.invalid',
          [
            {
              path: 'to',
              code: 'range',
              message: { key: 'field.calendarRange', params: { days: MAX_CALENDAR_DAYS } },
            },
          ],
          { where: 'query string' },
        );
      }
      const { space, bookings } = await spaces.calendar(params.id, from, to);
      return {
        items: await presentCalendar(req.user, bookings),
        events: await holdsOf(space._id, from, to),
        from: from.toISOString(),
        to: to.toISOString(),
      };
    },
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/spaces/:id/bookings',
      summary: "Book a space (a member of an organization, or the base's operators)",
      tag,
      access: 'user',
      params: spaceIdParamsSchema,
      body: createBookingBodySchema,
      response: bookingEnvelopeSchema,
      status: 201,
    },
    [requireUser()],
    async ({ req, params, body }) => oneBooking(await spaces.book(currentUser(req), params.id, body, req.ip)),
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/bookings/mine',
      summary: "Bookings made by the caller or for the caller's organization",
      tag,
      access: 'user',
      query: myBookingsQuerySchema,
      response: pageOf(bookingSchema),
    },
    [requireUser()],
    async ({ req, query }) => {
      const user = currentUser(req);
      const filter = {
        ...(user.organizationId
          ? { $or: [{ bookedBy: user._id }, { organizationId: user.organizationId }] }
          : { bookedBy: user._id }),
        ...(query.status ? { status: query.status } : {}),
        ...(query.upcoming === 'true' ? { endsAt: trusted({ $gt: new Date() }) } : {}),
        ...(query.upcoming === 'false' ? { endsAt: trusted({ $lte: new Date() }) } : {}),
      };
      return findPage(
        BookingModel,
        filter,
        { startsAt: query.upcoming === 'true' ? 1 : -1, _id: 1 },
        query,
        presentBookings,
      );
    },
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/bookings/:id/cancel',
      summary: "Cancel a booking and free its time (the booker's organization, the base's operators)",
      tag,
      access: 'user',
      params: spaceIdParamsSchema,
      response: bookingEnvelopeSchema,
    },
    [requireUser()],
    async ({ req, params }) => oneBooking(await spaces.cancel(currentUser(req), params.id, req.ip)),
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/bookings/:id/no-show',
      summary: "Record that nobody came (the base's operators, after the start)",
      tag,
      access: ['operator'],
      params: spaceIdParamsSchema,
      response: bookingEnvelopeSchema,
    },
    [requireUser(['operator'])],
    async ({ req, params }) => oneBooking(await spaces.markNoShow(currentUser(req), params.id, req.ip)),
  );
  return router;
}
