import { trusted, Types } from 'mongoose';
import { objectIdsOf } from '../../lib/ids.js';
import { BookingModel, SpaceModel } from './model.js';

/*
 * What other modules (bases, stats, events) may ask about spaces. They import these, never the models.
 */
export { holdSlots, releaseSlots } from './slots.js';
export { findSpace } from './service.js';

/** How many spaces each base lends now (archived ones left out); a base with none is absent from the map. */
export async function spaceCounts(baseIds: (string | Types.ObjectId)[]): Promise<Map<string, number>> {
  const ids = baseIds.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(String(id)));
  if (!ids.length) return new Map();
  const rows = await SpaceModel.aggregate<{ _id: Types.ObjectId; n: number }>([
    { $match: { baseId: { $in: ids }, active: true } },
    { $group: { _id: '$baseId', n: { $sum: 1 } } },
  ]);
  return new Map(rows.map((r) => [String(r._id), r.n]));
}

/** The space each booking is of, named, by booking id (the audit log names them). */
export async function bookingSpaceNames(ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = objectIdsOf(ids);
  if (!wanted.length) return new Map();
  const bookings = await BookingModel.find({ _id: trusted({ $in: wanted }) })
    .select({ spaceId: 1 })
    .lean<{ _id: Types.ObjectId; spaceId: Types.ObjectId }[]>();
  const spaces = await SpaceModel.find({ _id: trusted({ $in: bookings.map((b) => b.spaceId) }) })
    .select({ name: 1 })
    .lean<{ _id: Types.ObjectId; name: string }[]>();
  const names = new Map(spaces.map((s) => [String(s._id), s.name]));
  return new Map(bookings.map((b) => [String(b._id), names.get(String(b.spaceId)) ?? '']));
}
