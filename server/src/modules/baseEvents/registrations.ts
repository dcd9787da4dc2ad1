import mongoose, { trusted, type ClientSession, type Types } from 'mongoose';
import type { AppContext } from '../../context.js';
import { conflict, forbidden, notFound } from '../../lib/errors.js';
import type { UserRecord } from '../users/model.js';
import { BaseEventModel, RegistrationModel, type BaseEventRecord, type RegistrationRecord } from './model.js';
import { baseEventPolicy as policy } from './policy.js';
import { findEvent } from './service.js';
import './events.js';

const active = () => trusted({ $in: ['confirmed', 'waitlisted'] });

/**
 * Moves the first waitlisted sign-ups up while confirmed seats are fewer than `capacity`, inside the caller's
 * transaction (which has written the event's counters, so no other change to the event runs beside it).
 * Returns the users moved up.
 */
export async function promoteWaiting(
  session: ClientSession,
  eventId: Types.ObjectId,
  capacity: number,
  at: Date,
): Promise<string[]> {
  const event = await BaseEventModel.findById(eventId).session(session).lean<BaseEventRecord>();
  const free = capacity - event!.confirmedCount;
  if (free <= 0 || event!.waitlistCount <= 0) return [];
  const next = await RegistrationModel.find({ eventId, status: 'waitlisted' })
    .sort({ seq: 1 })
    .limit(free)
    .session(session)
    .lean<RegistrationRecord[]>();
  if (!next.length) return [];
  await RegistrationModel.updateMany(
    { _id: trusted({ $in: next.map((r) => r._id) }), status: 'waitlisted' },
    { $set: { status: 'confirmed', promotedAt: at } },
    { session },
  );
  await BaseEventModel.updateOne(
    { _id: eventId },
    { $inc: { confirmedCount: next.length, waitlistCount: -next.length } },
    { session },
  );
  return next.map((r) => String(r.userId));
}

/** A waitlisted sign-up's place in the queue (1 = next to move up). */
export async function positionOf(registration: Pick<RegistrationRecord, 'eventId' | 'seq' | 'status'>) {
  if (registration.status !== 'waitlisted') return undefined;
  const ahead = await RegistrationModel.countDocuments({
    eventId: registration.eventId,
    status: 'waitlisted',
    seq: trusted({ $lt: registration.seq }),
  });
  return ahead + 1;
}

export function registrationService(ctx: AppContext, now: () => Date = () => new Date()) {
  return {
    /**
     * Signs the caller up: confirmed while seats are left, else waitlisted at the end of the queue. Every sign-up
     * writes the event's counters in its transaction, so racing sign-ups never confirm more than the capacity.
     */
    async register(user: UserRecord, eventId: string): Promise<RegistrationRecord> {
      const event = await findEvent(eventId);
      if (event.status !== 'scheduled') throw conflict('event.cancelled');
      if (event.startsAt.getTime() <= now().getTime()) throw conflict('event.started');
      return mongoose.connection.transaction(async (session) => {
        const fresh = await findEvent(eventId, session);
        const existing = await RegistrationModel.findOne({ eventId: fresh._id, userId: user._id })
          .session(session)
          .lean<RegistrationRecord>();
        if (existing && existing.status !== 'cancelled') throw conflict('event.alreadySignedUp');
        const status: 'confirmed' | 'waitlisted' =
          fresh.confirmedCount < fresh.capacity ? 'confirmed' : 'waitlisted';
        const seq = fresh.seq + 1;
        await BaseEventModel.updateOne(
          { _id: fresh._id },
          { $inc: { seq: 1, ...(status === 'confirmed' ? { confirmedCount: 1 } : { waitlistCount: 1 }) } },
          { session },
        );
        const fields = {
          status,
          seq,
          ...(user.organizationId ? { organizationId: user.organizationId } : {}),
        };
        if (existing) {
          return (await RegistrationModel.findOneAndUpdate(
            { _id: existing._id, status: 'cancelled' },
            { $set: fields, $unset: { cancelledAt: 1, promotedAt: 1, attended: 1 } },
            { returnDocument: 'after', session },
          ).lean<RegistrationRecord>())!;
        }
        const [created] = await RegistrationModel.create(
          [{ eventId: fresh._id, userId: user._id, ...fields }],
          {
            session,
          },
        );
        return created!.toObject() as RegistrationRecord;
      });
    },

    /** The caller withdraws; a confirmed seat goes to the first waitlisted, who is told. */
    async cancel(user: UserRecord, eventId: string): Promise<RegistrationRecord> {
      const event = await findEvent(eventId);
      const { registration, promoted } = await mongoose.connection.transaction(async (session) => {
        const mine = await RegistrationModel.findOneAndUpdate(
          { eventId: event._id, userId: user._id, status: active() as never },
          { $set: { status: 'cancelled', cancelledAt: now() } },
          { returnDocument: 'before', session },
        ).lean<RegistrationRecord>();
        if (!mine) throw notFound('Registration');
        await BaseEventModel.updateOne(
          { _id: event._id },
          { $inc: mine.status === 'confirmed' ? { confirmedCount: -1 } : { waitlistCount: -1 } },
          { session },
        );
        const fresh = await findEvent(eventId, session);
        const promoted =
          mine.status === 'confirmed' && fresh.status === 'scheduled'
            ? await promoteWaiting(session, event._id, fresh.capacity, now())
            : [];
        return { registration: { ...mine, status: 'cancelled' as const }, promoted };
      });
      for (const userId of promoted)
        ctx.events.emit('event.registrationPromoted', { eventId, title: event.title, userId });
      return registration;
    },

    /** The base's operators mark who came, once the event has started. */
    async attendance(user: UserRecord, eventId: string, userIds: string[], present: boolean) {
      const event = await findEvent(eventId);
      if (!policy.canManage(user, event.baseId)) throw forbidden('event.operatorsAttendance');
      if (event.startsAt.getTime() > now().getTime()) throw conflict('event.attendanceAfterStart');
      const confirmed = await RegistrationModel.find({
        eventId: event._id,
        status: 'confirmed',
        userId: trusted({ $in: userIds }),
      })
        .select({ userId: 1 })
        .lean<{ userId: Types.ObjectId }[]>();
      const found = new Set(confirmed.map((r) => String(r.userId)));
      await RegistrationModel.updateMany(
        { eventId: event._id, status: 'confirmed', userId: trusted({ $in: [...found] }) },
        { $set: { attended: present } },
      );
      ctx.events.emit('event.attendanceTaken', {
        eventId,
        baseId: String(event.baseId),
        userIds: [...found],
        present,
        actorId: String(user._id),
      });
      return { updated: found.size, notRegistered: [...new Set(userIds)].filter((id) => !found.has(id)) };
    },
  };
}
