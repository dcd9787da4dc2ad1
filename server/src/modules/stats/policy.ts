import type { UserRecord } from '../users/model.js';

/** Who may read which statistics: the one place the routes ask. */
export const statsPolicy = {
  /**
   * The bureau reads any scope; an operator only its own base's (naming another base, or none, is refused); nobody
   * else reads statistics.
   */
  canRead(user: UserRecord | undefined, scope: { baseId?: string }): boolean {
    if (user?.role === 'bureau') return true;
    if (user?.role !== 'operator' || !user.baseId) return false;
    return scope.baseId !== undefined && scope.baseId === String(user.baseId);
  },
};
