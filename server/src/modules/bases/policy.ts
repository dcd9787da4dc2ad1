import { baseProfileFields } from '@app/shared';
import type { UserRecord } from '../users/model.js';

const same = (a: unknown, b: unknown) => a != null && b != null && String(a) === String(b);

/** Who may do what with a base: the bureau with every base, an operator with the one it runs. */
export const basePolicy = {
  /** The operator runs this base. */
  runs: (user: UserRecord | undefined, baseId: unknown) =>
    user?.role === 'operator' && same(user.baseId, baseId),

  /** The base's staff: its operators and the bureau (which oversees every base). */
  isStaffOf(user: UserRecord | undefined, baseId: unknown) {
    return user?.role === 'bureau' || this.runs(user, baseId);
  },

  canCreate: (user: UserRecord | undefined) => user?.role === 'bureau',

  /**
   * The bureau changes anything; a base's operators only its profile. Where a base lies decides which
   * organizations it looks after, so only the bureau moves it.
   */
  canUpdate(user: UserRecord | undefined, baseId: unknown, fields: string[]) {
    if (user?.role === 'bureau') return true;
    if (!this.runs(user, baseId)) return false;
    return fields.every((f) => (baseProfileFields as readonly string[]).includes(f));
  },
};
