import { Types } from 'mongoose';

/** The distinct ids that are well-formed ObjectIds: ids kept as strings (audit subjects) may be anything. */
export const objectIdsOf = (ids: readonly string[]): string[] =>
  [...new Set(ids)].filter((id) => Types.ObjectId.isValid(id));
