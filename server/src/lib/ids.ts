import { trusted, Types, type Model } from 'mongoose';

/** The distinct ids that are well-formed ObjectIds: ids kept as strings (audit subjects) may be anything. */
export const objectIdsOf = (ids: readonly string[]): string[] =>
  [...new Set(ids)].filter((id) => Types.ObjectId.isValid(id));

/**
 * One text field (a name, a title) of each document asked for, by id: what a module's read function answers when
 * another module names its records. An unknown or malformed id is missing from the map.
 */
export async function fieldById(
  // Any model: only `_id` and the one field are read.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any>,
  ids: readonly string[],
  field: string,
): Promise<Map<string, string>> {
  const wanted = objectIdsOf(ids);
  if (!wanted.length) return new Map();
  const docs = await model
    .find({ _id: trusted({ $in: wanted }) })
    .select({ [field]: 1 })
    .lean<Record<string, unknown>[]>();
  return new Map(docs.map((d) => [String(d._id), String(d[field] ?? '')]));
}
