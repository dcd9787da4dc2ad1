import mongoose, { trusted, type ClientSession, type Types } from 'mongoose';
import type { CreateBaseEventBody, UpdateBaseEventBody } from '@app/shared';
import type { AppContext } from '../../context.js';
import { conflict, forbidden, notFound, validationFailed } from '../../lib/errors.js';
import { BaseModel } from '../bases/model.js';
import { findSpace, holdSlots, releaseSlots } from '../spaces/read.js';
import type { UserRecord } from '../users/model.js';
import { BaseEventModel, RegistrationModel, type BaseEventRecord } from './model.js';
import { baseEventPolicy as policy } from './policy.js';
import { promoteWaiting } from './registrations.js';
import './events.js';

const MAX_EVENT_DAYS = 14;

export async function findEvent(id: string, session?: ClientSession): Promise<BaseEventRecord> {
  const event = await BaseEventModel.findById(id)
    .session(session ?? null)
    .lean<BaseEventRecord>();
  if (!event) throw notFound('Event');
  return event;
}

/** Start before end, in the future, at most two weeks long: each broken one named. */
function checkTimes(startsAt: Date, endsAt: Date, now: Date) {
  const details = [];
  if (startsAt.getTime() <= now.getTime())
    details.push({ path: ['startsAt'], code: 'past', message: 'field.eventInFuture' as const });
  const length = endsAt.getTime() - startsAt.getTime();
  if (length <= 0 || length > MAX_EVENT_DAYS * 86_400_000)
    details.push({
      path: ['endsAt'],
      code: 'duration',
      message: { key: 'field.eventLength' as const, params: { days: MAX_EVENT_DAYS } },
    });
  if (details.length) throw validationFailed('event.invalidTimes', details);
}

/** The space must be one of the event's base. */
async function spaceOfBase(spaceId: string, baseId: Types.ObjectId | string) {
  const space = await findSpace(spaceId);
  if (String(space.baseId) !== String(baseId))
    throw validationFailed('event.spaceOfOtherBase', [
      { path: ['spaceId'], code: 'other_base', message: 'field.notSpaceOfBase' },
    ]);
  return space;
}

export function baseEventService(ctx: AppContext, now: () => Date = () => new Date()) {
  return {
    /** Creates an event; with a space, its half hours are taken in the same transaction (409 when booked). */
    async create(user: UserRecord, baseId: string, body: CreateBaseEventBody, ip?: string) {
      if (!(await BaseModel.exists({ _id: baseId }))) throw notFound('Base');
      if (!policy.canManage(user, baseId)) throw forbidden('event.operatorsHold');
      const startsAt = new Date(body.startsAt);
      const endsAt = new Date(body.endsAt);
      checkTimes(startsAt, endsAt, now());
      const space = body.spaceId ? await spaceOfBase(body.spaceId, baseId) : undefined;
      const event = await mongoose.connection.transaction(async (session) => {
        const [created] = await BaseEventModel.create(
          [{ ...body, startsAt, endsAt, baseId, domains: body.domains ?? [], createdBy: user._id }],
          { session },
        );
        if (space) await holdSlots(session, space._id, startsAt, endsAt, { eventId: created!._id });
        return created!.toObject() as BaseEventRecord;
      });
      ctx.events.emit('event.created', { eventId: String(event._id), baseId, actorId: String(user._id), ip });
      return event;
    },

    /**
     * Edits an event. New times or another space give back the old half hours and take the new ones in one
     * transaction; more seats move the waiting list up; fewer seats than are confirmed is a 409.
     */
    async update(user: UserRecord, id: string, body: UpdateBaseEventBody) {
      const current = await findEvent(id);
      if (!policy.canManage(user, current.baseId)) throw forbidden('event.operatorsEdit');
      if (current.status !== 'scheduled') throw conflict('event.cancelledNoEdit');
      const startsAt = body.startsAt ? new Date(body.startsAt) : current.startsAt;
      const endsAt = body.endsAt ? new Date(body.endsAt) : current.endsAt;
      if (body.startsAt || body.endsAt) checkTimes(startsAt, endsAt, now());
      const spaceId =
        body.spaceId === null
          ? undefined
          : (body.spaceId ?? (current.spaceId ? String(current.spaceId) : undefined));
      const space = spaceId ? await spaceOfBase(spaceId, current.baseId) : undefined;
      const moved = Boolean(body.startsAt || body.endsAt) || body.spaceId !== undefined;
      const { promoted, event } = await mongoose.connection.transaction(async (session) => {
        const fresh = await findEvent(id, session);
        if (body.capacity !== undefined && body.capacity < fresh.confirmedCount)
          throw conflict('event.capacityBelowConfirmed', { count: fresh.confirmedCount });
        const $set: Record<string, unknown> = {};
        const $unset: Record<string, 1> = {};
        for (const [key, value] of Object.entries(body)) {
          if (value === null) $unset[key] = 1;
          else if (value !== undefined)
            $set[key] = key === 'startsAt' || key === 'endsAt' ? new Date(value as string) : value;
        }
        await BaseEventModel.updateOne({ _id: fresh._id }, { $set, $unset }, { session });
        if (moved) {
          await releaseSlots(session, { eventId: fresh._id });
          if (space) await holdSlots(session, space._id, startsAt, endsAt, { eventId: fresh._id });
        }
        const promoted = await promoteWaiting(session, fresh._id, body.capacity ?? fresh.capacity, now());
        return { promoted, event: await findEvent(id, session) };
      });
      for (const userId of promoted)
        ctx.events.emit('event.registrationPromoted', { eventId: id, title: event.title, userId });
      ctx.events.emit('event.updated', {
        eventId: id,
        baseId: String(event.baseId),
        actorId: String(user._id),
      });
      return event;
    },

    /** Cancels an event: its space is freed and everyone signed up is told. */
    async cancel(user: UserRecord, id: string, ip?: string) {
      const current = await findEvent(id);
      if (!policy.canManage(user, current.baseId)) throw forbidden('event.operatorsCancel');
      const event = await mongoose.connection.transaction(async (session) => {
        const done = await BaseEventModel.findOneAndUpdate(
          { _id: current._id, status: 'scheduled' },
          { $set: { status: 'cancelled', cancelledAt: now() } },
          { returnDocument: 'after', session },
        ).lean<BaseEventRecord>();
        if (!done) throw conflict('event.alreadyCancelled');
        await releaseSlots(session, { eventId: current._id });
        return done;
      });
      const registrants = await RegistrationModel.find({
        eventId: event._id,
        status: trusted({ $in: ['confirmed', 'waitlisted'] }),
      })
        .select({ userId: 1 })
        .lean<{ userId: Types.ObjectId }[]>();
      ctx.events.emit('event.cancelled', {
        eventId: id,
        baseId: String(event.baseId),
        title: event.title,
        userIds: registrants.map((r) => String(r.userId)),
        actorId: String(user._id),
        ip,
      });
      return event;
    },
  };
}
