import { Types } from 'mongoose';
import { SpaceModel } from './model.js';

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
