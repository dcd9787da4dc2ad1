/** Valid calls of the spaces area: a base's spaces and their bookings, its events and their registrations. */
import { BaseEventModel } from '../../../src/modules/baseEvents/model.js';
import { registrationService } from '../../../src/modules/baseEvents/registrations.js';
import { at, roomBody } from '../../../src/modules/spaces/testing.js';
import { id, type Recipes } from './recipe.js';

export const spaceRecipes: Recipes = {
  'POST /bases/:id/spaces': { subject: 'base', build: (ctx) => ({ params: id(ctx), body: roomBody() }) },
  'GET /bases/:id/spaces': { subject: 'base', build: (ctx) => ({ params: id(ctx) }) },
  'GET /spaces/:id': { subject: 'space', build: (ctx) => ({ params: id(ctx) }) },
  'PATCH /spaces/:id': {
    subject: 'space',
    build: (ctx) => ({ params: id(ctx), body: { capacity: 16, facilities: ['投影仪'] } }),
  },
  'GET /spaces/:id/bookings': {
    subject: 'space',
    build: (ctx) => ({ params: id(ctx), query: { from: at(0, '00:00'), to: at(7, '00:00') } }),
  },
  'POST /spaces/:id/bookings': {
    subject: 'space',
    build: (ctx) => ({
      params: id(ctx),
      body: { startsAt: at(2, '10:00'), endsAt: at(2, '11:30'), purpose: '理事会', attendees: 6 },
    }),
  },
  'GET /bookings/mine': { build: () => ({ query: { pageSize: '5', upcoming: 'true' } }) },
  'POST /bookings/:id/cancel': { subject: 'booking', build: (ctx) => ({ params: id(ctx) }) },
  'POST /bookings/:id/no-show': { subject: 'started-booking', build: (ctx) => ({ params: id(ctx) }) },
  'POST /bases/:id/events': {
    subject: 'base',
    build: (ctx) => ({
      params: id(ctx),
      body: {
        kind: 'training',
        title: '公益项目设计培训',
        description: '如何写好项目书',
        startsAt: at(6, '14:00'),
        endsAt: at(6, '16:30'),
        capacity: 40,
        place: '基地二楼',
      },
    }),
  },
  'GET /events': { build: () => ({ query: { kind: 'training', pageSize: '5' } }) },
  'GET /registrations/mine': { build: () => ({ query: { pageSize: '5' } }) },
  'GET /events/:id': { subject: 'event', build: (ctx) => ({ params: id(ctx) }) },
  'PATCH /events/:id': {
    subject: 'event',
    build: (ctx) => ({ params: id(ctx), body: { capacity: 45, place: '基地三楼' } }),
  },
  'POST /events/:id/cancel': { subject: 'event', build: (ctx) => ({ params: id(ctx) }) },
  'POST /events/:id/registrations': { subject: 'event', build: (ctx) => ({ params: id(ctx) }) },
  'POST /events/:id/registrations/cancel': {
    // An event the caller signed up for (anonymous callers name one nobody did).
    build: async ({ world, actor }) => {
      const event = await BaseEventModel.create({
        baseId: world.bases.own._id,
        kind: 'exchange',
        title: '社区治理交流会',
        startsAt: new Date(at(3, '09:00')),
        endsAt: new Date(at(3, '11:00')),
        capacity: 20,
      });
      if (actor) await registrationService(world.server.ctx).register(actor.user, String(event._id));
      return { params: { id: String(event._id) } };
    },
  },
  'GET /events/:id/registrations': { subject: 'event', build: (ctx) => ({ params: id(ctx) }) },
  'POST /events/:id/attendance': {
    subject: 'started-event',
    build: (ctx) => ({
      params: id(ctx),
      body: { userIds: [String(ctx.world.actors.resident.user._id)], present: true },
    }),
  },
};
