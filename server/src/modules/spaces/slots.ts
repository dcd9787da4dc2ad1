import type { ClientSession, Types } from 'mongoose';
import { conflict } from '../../lib/errors.js';
import { SpaceSlotModel } from './model.js';

const HALF_HOUR = 30 * 60_000;

/** The starts of the half hours [startsAt, endsAt) touches (a holder is rounded out to whole half hours). */
export function halfHoursOf(startsAt: Date, endsAt: Date): Date[] {
  const first = Math.floor(startsAt.getTime() / HALF_HOUR) * HALF_HOUR;
  const slots: Date[] = [];
  for (let t = first; t < endsAt.getTime(); t += HALF_HOUR) slots.push(new Date(t));
  return slots;
}

const isDuplicateKey = (err: unknown) =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;

let indexReady: Promise<unknown> | undefined;
/** The unique index must exist before the first holder writes, or two could slip past it. */
export const slotsReady = () => (indexReady ??= SpaceSlotModel.init());

/**
 * Takes the half hours of a space for a booking or an event, inside the caller's transaction. Any half hour
 * already held makes it a 409 (the transaction then aborts, so nothing of the holder is written).
 */
export async function holdSlots(
  session: ClientSession,
  spaceId: Types.ObjectId,
  startsAt: Date,
  endsAt: Date,
  holder: { bookingId: Types.ObjectId } | { eventId: Types.ObjectId },
): Promise<void> {
  await slotsReady();
  const docs = halfHoursOf(startsAt, endsAt).map((slotStart) => ({ spaceId, slotStart, ...holder }));
  try {
    await SpaceSlotModel.insertMany(docs, { session, ordered: true });
  } catch (err) {
    if (isDuplicateKey(err)) {
      throw conflict('booking.timeTaken', undefined, [
        {
          path: ['startsAt'],
          code: 'overlap',
          message: 'field.overlap',
        },
      ]);
    }
    throw err;
  }
}

/** Gives back the half hours a booking or an event holds, inside the caller's transaction. */
export async function releaseSlots(
  session: ClientSession,
  holder: { bookingId: Types.ObjectId } | { eventId: Types.ObjectId },
): Promise<void> {
  await SpaceSlotModel.deleteMany(holder, { session });
}
