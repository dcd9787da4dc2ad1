import { trusted } from 'mongoose';
import type { PageQuery } from '@app/shared';
import { BaseEventModel, type BaseEventRecord } from './model.js';

/**
 * One page of events, upcoming first: those not over yet, soonest first, then the past ones, latest first.
 * The page is cut across the two parts as if they were one list.
 */
export async function upcomingFirst(filter: Record<string, unknown>, query: PageQuery, now: Date) {
  const upcoming = { $and: [filter, { endsAt: trusted({ $gt: now }) }] };
  const past = { $and: [filter, { endsAt: trusted({ $lte: now }) }] };
  const [upcomingTotal, pastTotal] = await Promise.all([
    BaseEventModel.countDocuments(upcoming),
    BaseEventModel.countDocuments(past),
  ]);
  const offset = (query.page - 1) * query.pageSize;
  const items: BaseEventRecord[] = [];
  if (offset < upcomingTotal) {
    items.push(
      ...(await BaseEventModel.find(upcoming)
        .sort({ startsAt: 1, _id: 1 })
        .skip(offset)
        .limit(query.pageSize)
        .lean<BaseEventRecord[]>()),
    );
  }
  const left = query.pageSize - items.length;
  if (left > 0) {
    items.push(
      ...(await BaseEventModel.find(past)
        .sort({ startsAt: -1, _id: 1 })
        .skip(Math.max(0, offset - upcomingTotal))
        .limit(left)
        .lean<BaseEventRecord[]>()),
    );
  }
  return { items, total: upcomingTotal + pastTotal, page: query.page, pageSize: query.pageSize };
}
