import type { Model } from 'mongoose';
import type { PageQuery } from '@app/shared';

/**
 * One page of a collection as the API answers lists: `{ items, total, page, pageSize }`, the records of the page
 * presented by `present`.
 */
export async function findPage<R, P>(
  // Any model: its documents are read lean and typed by the caller.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any>,
  filter: object,
  sort: Record<string, 1 | -1>,
  query: PageQuery,
  present: (records: R[]) => P[] | Promise<P[]>,
): Promise<{ items: P[]; total: number; page: number; pageSize: number }> {
  const [records, total] = await Promise.all([
    model
      .find(filter)
      .sort(sort)
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean<R[]>(),
    model.countDocuments(filter),
  ]);
  return { items: await present(records), total, page: query.page, pageSize: query.pageSize };
}
