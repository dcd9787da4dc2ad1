import mongoose, { trusted, Types, type ClientSession } from 'mongoose';
import { MongoError } from 'mongodb';
import {
  bookingBreaches,
  breachPath,
  shanghaiParts,
  type CreateBookingBody,
  type CreateSpaceBody,
  type UpdateSpaceBody,
} from '@app/shared';
import type { AppContext } from '../../context.js';
import { conflict, forbidden, notFound, validationFailed } from '../../lib/errors.js';
import type { MessageKey } from '../../lib/messages/index.js';
import { BaseModel } from '../bases/model.js';
import { isIncubating } from '../residencies/facts.js';
import type { UserRecord } from '../users/model.js';
import { BookingModel, SpaceModel, WeeklyUseModel, type BookingRecord, type SpaceRecord } from './model.js';
import { spacePolicy as policy } from './policy.js';
import { holdSlots, releaseSlots } from './slots.js';
import { presentSpace } from './presenter.js';
import './events.js';

export async function findSpace(id: string): Promise<SpaceRecord> {
  const space = await SpaceModel.findById(id).lean<SpaceRecord>();
  if (!space) throw notFound('Space');
  return space;
}

async function findBooking(id: string): Promise<BookingRecord> {
  const booking = await BookingModel.findById(id).lean<BookingRecord>();
  if (!booking) throw notFound('Booking');
  return booking;
}

/** Minutes the organization holds in the space in that ISO week (confirmed and no-show bookings). */
async function weekMinutesUsed(spaceId: Types.ObjectId, organizationId: Types.ObjectId, isoWeek: string) {
  const use = await WeeklyUseModel.findOne({ spaceId, organizationId, isoWeek }).lean<{ minutes: number }>();
  return use?.minutes ?? 0;
}

/**
 * Adds the booking's minutes to the organization's week in this space, inside the booking's transaction, and
 * returns the new total. Two first bookings of a week racing to create the row meet on its unique index: the
 * loser's duplicate-key error is marked transient, so its transaction is retried and then finds the row.
 */
async function addWeeklyMinutes(
  session: ClientSession,
  key: { spaceId: Types.ObjectId; organizationId: Types.ObjectId; isoWeek: string },
  minutes: number,
): Promise<number> {
  try {
    const use = await WeeklyUseModel.findOneAndUpdate(
      key,
      { $inc: { minutes } },
      {
        upsert: true,
        returnDocument: 'after',
        session,
      },
    ).lean<{ minutes: number }>();
    return use?.minutes ?? minutes;
  } catch (err) {
    if (err instanceof MongoError && err.code === 11000) err.addErrorLabel('TransientTransactionError');
    throw err;
  }
}

const RULE_WORDS: Record<string, MessageKey> = {
  half_hour: 'field.rule.half_hour',
  past: 'field.rule.past',
  opening_hours: 'field.rule.opening_hours',
  advance_window: 'field.rule.advance_window',
  duration: 'field.rule.duration',
  capacity: 'field.rule.capacity',
  quota: 'field.rule.quota',
};

export function spaceService(ctx: AppContext, now: () => Date = () => new Date()) {
  return {
    async create(user: UserRecord, baseId: string, body: CreateSpaceBody, ip?: string): Promise<SpaceRecord> {
      if (!(await BaseModel.exists({ _id: baseId }))) throw notFound('Base');
      if (!policy.runsBase(user, baseId)) throw forbidden('space.operatorsAdd');
      const space = (await SpaceModel.create({ ...body, baseId, createdBy: user._id })).toObject();
      ctx.events.emit('space.created', { spaceId: String(space._id), baseId, actorId: String(user._id), ip });
      return space;
    },

    async update(user: UserRecord, id: string, body: UpdateSpaceBody): Promise<SpaceRecord> {
      const space = await findSpace(id);
      if (!policy.runsBase(user, space.baseId)) throw forbidden('space.operatorsEdit');
      const merged = { ...body };
      if (body.rules) merged.rules = body.rules;
      const updated = await SpaceModel.findByIdAndUpdate(
        id,
        { $set: merged },
        { returnDocument: 'after' },
      ).lean<SpaceRecord>();
      if (!updated) throw notFound('Space');
      ctx.events.emit('space.updated', {
        spaceId: id,
        baseId: String(space.baseId),
        actorId: String(user._id),
      });
      return updated;
    },

    /**
     * Books a space. The rules are checked first (each broken one named in the 400); then, in one transaction,
     * the organization's weekly minutes and the half-hour slots are written with the booking: a slot someone
     * else holds (a booking or an event, however close the race) makes it a 409 and nothing is kept.
     */
    async book(
      user: UserRecord,
      spaceId: string,
      body: CreateBookingBody,
      ip?: string,
    ): Promise<BookingRecord> {
      const space = await findSpace(spaceId);
      if (!policy.canBook(user, space.baseId, body.organizationId)) throw forbidden('booking.whoBooks');
      if (space.active === false) throw conflict('space.noBookings');
      const organizationId = body.organizationId
        ? new Types.ObjectId(body.organizationId)
        : policy.runsBase(user, space.baseId)
          ? undefined
          : (user.organizationId ?? undefined);
      const startsAt = new Date(body.startsAt);
      const endsAt = new Date(body.endsAt);
      const isoWeek = shanghaiParts(startsAt).isoWeek;
      const minutes = Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000);
      // Staff book with the residents' window; an organization's window depends on its residency here.
      const resident =
        policy.runsBase(user, space.baseId) ||
        (organizationId ? await isIncubating(organizationId, space.baseId) : false);
      const circumstances = {
        now: now(),
        resident,
        quotaApplies: Boolean(organizationId),
        weekMinutesUsed: organizationId ? await weekMinutesUsed(space._id, organizationId, isoWeek) : 0,
      };
      const breaches = bookingBreaches(
        presentSpace(space),
        { startsAt, endsAt, attendees: body.attendees },
        circumstances,
      );
      if (breaches.length) {
        throw validationFailed(
          'booking.breaksRules',
          breaches.map((b) => ({ path: breachPath(b.code), code: b.code, message: RULE_WORDS[b.code]! })),
          { rules: breaches.map((b) => b.code).join(', ') },
        );
      }
      const booking = await mongoose.connection.transaction(async (session) => {
        if (organizationId) {
          const used = await addWeeklyMinutes(
            session,
            { spaceId: space._id, organizationId, isoWeek },
            minutes,
          );
          const quota = space.rules?.weeklyQuotaMinutes;
          if (quota != null && used > quota) {
            throw validationFailed(
              'booking.breaksRules',
              [{ path: ['startsAt'], code: 'quota', message: RULE_WORDS.quota! }],
              { rules: 'quota' },
            );
          }
        }
        const [created] = await BookingModel.create(
          [
            {
              spaceId: space._id,
              baseId: space.baseId,
              startsAt,
              endsAt,
              purpose: body.purpose,
              attendees: body.attendees,
              ...(organizationId ? { organizationId } : {}),
              bookedBy: user._id,
              isoWeek,
            },
          ],
          { session },
        );
        await holdSlots(session, space._id, startsAt, endsAt, { bookingId: created!._id });
        return created!.toObject() as BookingRecord;
      });
      ctx.events.emit('booking.created', {
        bookingId: String(booking._id),
        spaceId,
        baseId: String(space.baseId),
        ...(organizationId ? { organizationId: String(organizationId) } : {}),
        actorId: String(user._id),
        ip,
      });
      return booking;
    },

    /** Cancels a confirmed booking before it starts: its slots and its weekly minutes are given back together. */
    async cancel(user: UserRecord, id: string, ip?: string): Promise<BookingRecord> {
      const booking = await findBooking(id);
      if (!policy.canCancel(user, booking)) throw forbidden('booking.cancellers');
      if (booking.status !== 'confirmed') throw conflict('booking.confirmedCancelled');
      if (booking.startsAt.getTime() <= now().getTime()) throw conflict('booking.startedNoCancel');
      const updated = await mongoose.connection.transaction(async (session) => {
        const done = await BookingModel.findOneAndUpdate(
          { _id: booking._id, status: 'confirmed' },
          { $set: { status: 'cancelled', cancelledAt: now(), cancelledBy: user._id } },
          { returnDocument: 'after', session },
        ).lean<BookingRecord>();
        if (!done) throw conflict('booking.confirmedCancelled');
        await releaseSlots(session, { bookingId: booking._id });
        if (booking.organizationId) {
          const minutes = Math.round((booking.endsAt.getTime() - booking.startsAt.getTime()) / 60_000);
          await WeeklyUseModel.updateOne(
            { spaceId: booking.spaceId, organizationId: booking.organizationId, isoWeek: booking.isoWeek },
            { $inc: { minutes: -minutes } },
            { session },
          );
        }
        return done;
      });
      ctx.events.emit('booking.cancelled', eventOf(booking, user, ip));
      return updated;
    },

    /** The base's operators record that nobody came, once the booking has started. */
    async markNoShow(user: UserRecord, id: string, ip?: string): Promise<BookingRecord> {
      const booking = await findBooking(id);
      if (!policy.runsBase(user, booking.baseId)) throw forbidden('booking.operatorsNoShow');
      if (booking.startsAt.getTime() > now().getTime()) throw conflict('booking.noShowAfterStart');
      const updated = await BookingModel.findOneAndUpdate(
        { _id: booking._id, status: 'confirmed' },
        { $set: { status: 'no_show', noShowAt: now() } },
        { returnDocument: 'after' },
      ).lean<BookingRecord>();
      if (!updated) throw conflict('booking.confirmedNoShow');
      ctx.events.emit('booking.noShow', eventOf(booking, user, ip));
      return updated;
    },

    /** The space's bookings that hold time between `from` and `to` (cancelled ones free it, so they are left out). */
    async calendar(spaceId: string, from: Date, to: Date) {
      const space = await findSpace(spaceId);
      const bookings = await BookingModel.find({
        spaceId: space._id,
        status: trusted({ $in: ['confirmed', 'no_show'] }),
        startsAt: trusted({ $lt: to }),
        endsAt: trusted({ $gt: from }),
      })
        .sort({ startsAt: 1 })
        .limit(2000)
        .lean<BookingRecord[]>();
      return { space, bookings };
    },
  };
}

const eventOf = (booking: BookingRecord, user: UserRecord, ip?: string) => ({
  bookingId: String(booking._id),
  spaceId: String(booking.spaceId),
  baseId: String(booking.baseId),
  ...(booking.organizationId ? { organizationId: String(booking.organizationId) } : {}),
  actorId: String(user._id),
  ip,
});
