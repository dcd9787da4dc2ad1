import { trusted, Types } from 'mongoose';
import { ResidencyModel } from './model.js';
import { objectIdsOf } from '../../lib/ids.js';

/*
 * The questions other modules (spaces, matching, stats) may ask about residency. They import these functions,
 * never the model: how residency is stored stays this module's business.
 */

const asId = (id: string | Types.ObjectId) => (typeof id === 'string' ? new Types.ObjectId(id) : id);

/** Whether the organization is incubating (在孵) in the base now. */
export async function isIncubating(
  organizationId: string | Types.ObjectId,
  baseId: string | Types.ObjectId,
): Promise<boolean> {
  if (!Types.ObjectId.isValid(organizationId) || !Types.ObjectId.isValid(baseId)) return false;
  const found = await ResidencyModel.exists({
    organizationId: asId(organizationId),
    baseId: asId(baseId),
    status: 'incubating',
  });
  return found !== null;
}

/** The bases the organization is incubating in now (usually one). */
export async function basesIncubating(organizationId: string | Types.ObjectId): Promise<string[]> {
  if (!Types.ObjectId.isValid(organizationId)) return [];
  const rows = await ResidencyModel.find({ organizationId: asId(organizationId), status: 'incubating' })
    .select({ baseId: 1 })
    .lean();
  return rows.map((r) => String(r.baseId));
}

/** The organizations incubating in the base now. */
export async function incubatingOrganizationIds(baseId: string | Types.ObjectId): Promise<string[]> {
  if (!Types.ObjectId.isValid(baseId)) return [];
  const rows = await ResidencyModel.find({ baseId: asId(baseId), status: 'incubating' })
    .select({ organizationId: 1 })
    .lean();
  return rows.map((r) => String(r.organizationId));
}

/** How many organizations incubate in each base now (a base with none is missing from the map). */
export async function residentCounts(baseIds: (string | Types.ObjectId)[]): Promise<Map<string, number>> {
  const ids = baseIds.filter((id) => Types.ObjectId.isValid(id)).map(asId);
  if (!ids.length) return new Map();
  const rows = await ResidencyModel.aggregate<{ _id: Types.ObjectId; n: number }>([
    { $match: { baseId: { $in: ids }, status: 'incubating' } },
    { $group: { _id: '$baseId', n: { $sum: 1 } } },
  ]);
  return new Map(rows.map((r) => [String(r._id), r.n]));
}

/** Which organization is (or was) resident in which base, by residency id (the audit log names them). */
export async function residencyParties(
  ids: readonly string[],
): Promise<Map<string, { organizationId: string; baseId: string }>> {
  const wanted = objectIdsOf(ids);
  if (!wanted.length) return new Map();
  const found = await ResidencyModel.find({ _id: trusted({ $in: wanted.map(asId) }) })
    .select({ organizationId: 1, baseId: 1 })
    .lean<{ _id: Types.ObjectId; organizationId: Types.ObjectId; baseId: Types.ObjectId }[]>();
  return new Map(
    found.map((r) => [String(r._id), { organizationId: String(r.organizationId), baseId: String(r.baseId) }]),
  );
}
