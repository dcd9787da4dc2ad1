import { trusted, type Types } from 'mongoose';
import { objectIdsOf } from '../../lib/ids.js';
import { OrganizationModel } from './model.js';

/*
 * What other modules (the audit log) may ask about organizations by id. They import these, never the model.
 */

/** Each organization's name, by id; an unknown id is missing from the map. */
export async function organizationNames(ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = objectIdsOf(ids);
  if (!wanted.length) return new Map();
  const orgs = await OrganizationModel.find({ _id: trusted({ $in: wanted }) })
    .select({ name: 1 })
    .lean<{ _id: Types.ObjectId; name: string }[]>();
  return new Map(orgs.map((o) => [String(o._id), o.name]));
}
