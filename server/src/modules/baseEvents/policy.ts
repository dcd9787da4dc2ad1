import type { Types } from 'mongoose';
import type { UserRecord } from '../users/model.js';
import { spacePolicy } from '../spaces/policy.js';

type Id = Types.ObjectId | string | null | undefined;

/** Who may do what with a base's events: its operators run them; anyone signed in signs up. */
export const baseEventPolicy = {
  /** Creating, editing, cancelling, taking attendance: the base's operators. */
  canManage: (user: UserRecord | undefined, baseId: Id) => spacePolicy.runsBase(user, baseId),
  /** The list of sign-ups (names of people): the base's operators and the bureau. */
  canSeeRegistrations: (user: UserRecord | undefined, baseId: Id) => spacePolicy.isStaffOf(user, baseId),
};
