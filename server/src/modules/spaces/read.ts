import { Types } from 'mongoose';
import { SpaceModel } from './model.js';

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
