import { trusted, Types } from 'mongoose';
import type { CalendarHold } from '@app/shared';
import { BaseEventModel } from './model.js';
import { fieldById } from '../../lib/ids.js';

/*
 * What other modules (bases, spaces, stats) may ask about a base's events. They import these, never the models.
 */

/** How many events of each base are scheduled and not over yet; a base with none is absent from the map. */
export async function upcomingEventCounts(
  baseIds: (string | Types.ObjectId)[],
  now = new Date(),
): Promise<Map<string, number>> {
  const ids = baseIds.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(String(id)));
  if (!ids.length) return new Map();
  const rows = await BaseEventModel.aggregate<{ _id: Types.ObjectId; n: number }>([
    { $match: { baseId: { $in: ids }, status: 'scheduled', endsAt: { $gt: now } } },
    { $group: { _id: '$baseId', n: { $sum: 1 } } },
  ]);
  return new Map(rows.map((r) => [String(r._id), r.n]));
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
export const eventTitles = (ids: readonly string[]) => fieldById(BaseEventModel, ids, 'title');
