import type { ClientSession } from 'mongoose';
import { RecentlyRead } from '../../lib/recentlyRead.js';
import type { UserRecord } from './model.js';

/**
 * Users read by the requests of the last moments (every signed-in request reads its user). Every write to the
 * users collection through UserModel forgets what it may have changed (model.ts), here and, through the realtime
 * layer, in the other server processes.
 */
export const recentUsers = new RecentlyRead<UserRecord>('users', { freshMs: 30_000, maxEntries: 20_000 });

/** The ids a write's filter names, or undefined when it may touch users it does not name. */
function namedIds(filter: Record<string, unknown>): string[] | undefined {
  const id = filter._id as unknown;
  if (id === undefined || id === null) return undefined;
  if (typeof id !== 'object' || !('$in' in id || '$eq' in id)) return [String(id)];
  const condition = id as { $in?: unknown; $eq?: unknown };
  if (Object.keys(condition).length !== 1) return undefined;
  if (Array.isArray(condition.$in)) return condition.$in.map(String);
  return condition.$eq === undefined ? undefined : [String(condition.$eq)];
}

/**
 * Forgets the users a write may have changed. In a transaction, once more when its session ends: until it
 * commits, a read would find (and keep) the record as it was.
 */
export function forgetWrittenUsers(filter: Record<string, unknown>, session?: ClientSession | null): void {
  const ids = namedIds(filter);
  const forget = () => (ids ? recentUsers.forget({ keys: ids }) : recentUsers.forgetAll());
  forget();
  if (session?.inTransaction()) session.once('ended', forget);
}
