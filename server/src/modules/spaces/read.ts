import { trusted, Types } from 'mongoose';
import { objectIdsOf } from '../../lib/ids.js';
import { BookingModel, SpaceModel } from './model.js';

/*
 * What other modules (bases, stats, events) may ask about spaces. They import these, never the models.
 */
export { holdSlots, releaseSlots } from './slots.js';
export { findSpace } from './service.js';

/** How many spaces a base lends now (archived ones left out). */
export async function spaceCountOf(baseId: string | Types.ObjectId): Promise<number> {
  if (!Types.ObjectId.isValid(baseId)) return 0;
  return SpaceModel.countDocuments({ baseId: new Types.ObjectId(String(baseId)), active: true });
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
