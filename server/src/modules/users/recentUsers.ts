import { RecentlyRead } from '../../lib/recentlyRead.js';
import type { UserRecord } from './model.js';

/**
 * Users read by the requests of the last moments (every signed-in request reads its user). Every write to the
 * users collection through UserModel forgets what it may have changed (model.ts, `forgetOnWrites`), here and,
 * through the realtime layer, in the other server processes.
 */
export const recentUsers = new RecentlyRead<UserRecord>('users', { freshMs: 30_000, maxEntries: 20_000 });
