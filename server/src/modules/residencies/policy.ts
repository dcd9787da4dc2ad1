import type { UserRecord } from '../users/model.js';
import { basePolicy } from '../bases/policy.js';
import type { ResidencyRecord } from './model.js';

/** Who may do what with a residency: only the operators of its base end it (出壳, 退出). */
export const residencyPolicy = {
  canEnd: (user: UserRecord | undefined, r: Pick<ResidencyRecord, 'baseId'>) =>
    basePolicy.runs(user, r.baseId),
};
