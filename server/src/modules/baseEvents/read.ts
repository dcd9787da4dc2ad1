import { trusted, Types } from 'mongoose';
import type { CalendarHold } from '@app/shared';
import { BaseEventModel } from './model.js';
import { objectIdsOf } from '../../lib/ids.js';

/*
 * What other modules (bases, spaces, stats) may ask about a base's events. They import these, never the models.
 */

/** How many events of the base are scheduled and not over yet. */
export async function upcomingEventCountOf(
  baseId: string | Types.ObjectId,
  now = new Date(),
): Promise<number> {
  if (!Types.ObjectId.isValid(baseId)) return 0;
  return BaseEventModel.countDocuments({
    baseId: new Types.ObjectId(String(baseId)),
    status: 'scheduled',
    endsAt: trusted({ $gt: now }),
  });
}

/** The scheduled events holding a space between two moments, for its calendar. */
export async function eventsHoldingSpace(
  spaceId: Types.ObjectId,
  from: Date,
  to: Date,
): Promise<CalendarHold[]> {
  const events = await BaseEventModel.find({
    spaceId,
    status: 'scheduled',
    startsAt: trusted({ $lt: to }),
    endsAt: trusted({ $gt: from }),
  })
    .sort({ startsAt: 1 })
    .limit(500)
    .lean<{ _id: Types.ObjectId; title: string; startsAt: Date; endsAt: Date }[]>();
  return events.map((e) => ({
    eventId: String(e._id),
    title: e.title,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
  }));
}

/** Each event's title, by id (the audit log names them); an unknown id is missing from the map. */
export async function eventTitles(ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = objectIdsOf(ids);
  if (!wanted.length) return new Map();
  const events = await BaseEventModel.find({ _id: trusted({ $in: wanted }) })
    .select({ title: 1 })
    .lean<{ _id: Types.ObjectId; title: string }[]>();
  return new Map(events.map((e) => [String(e._id), e.title]));
}
