import { trusted, type Types } from 'mongoose';
import { objectIdsOf } from '../../lib/ids.js';
import { BaseModel } from './model.js';

/*
 * What other modules (the audit log) may ask about bases by id. They import these, never the model.
 */

/** Each base's name, by id; an unknown id is missing from the map. */
export async function baseNames(ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = objectIdsOf(ids);
  if (!wanted.length) return new Map();
  const bases = await BaseModel.find({ _id: trusted({ $in: wanted }) })
    .select({ name: 1 })
    .lean<{ _id: Types.ObjectId; name: string }[]>();
  return new Map(bases.map((b) => [String(b._id), b.name]));
}
