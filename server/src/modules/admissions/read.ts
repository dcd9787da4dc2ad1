import { trusted, type Types } from 'mongoose';
import { objectIdsOf } from '../../lib/ids.js';
import { ApplicationModel } from './model.js';

/*
 * What other modules (the audit log) may ask about entry applications by id. They import these, never the model.
 */

/** Which organization applied to which base, by application id. */
export async function applicationParties(
  ids: readonly string[],
): Promise<Map<string, { organizationId: string; baseId: string }>> {
  const wanted = objectIdsOf(ids);
  if (!wanted.length) return new Map();
  const apps = await ApplicationModel.find({ _id: trusted({ $in: wanted }) })
    .select({ organizationId: 1, baseId: 1 })
    .lean<{ _id: Types.ObjectId; organizationId: Types.ObjectId; baseId: Types.ObjectId }[]>();
  return new Map(
    apps.map((a) => [String(a._id), { organizationId: String(a.organizationId), baseId: String(a.baseId) }]),
  );
}
