import type { UserRecord } from '../users/model.js';
import { basePolicy } from '../bases/policy.js';
import type { OrganizationRecord } from '../organizations/model.js';
import type { ApplicationRecord } from './model.js';

type App = Pick<ApplicationRecord, 'baseId' | 'organizationId' | 'panel'>;

const same = (a: unknown, b: unknown) => a != null && b != null && String(a) === String(b);

/**
 * Who may do what in entry review (入驻集体评审): an organization's members apply and follow their application; the
 * base's operators form the panel and decide; the panel's reviewers score; the bureau oversees every base.
 */
export const admissionPolicy = {
  isApplicant: (user: UserRecord | undefined, app: Pick<ApplicationRecord, 'organizationId'>) =>
    same(user?.organizationId, app.organizationId),

  isReviewer: (user: UserRecord | undefined, app: App) =>
    Boolean(user && (app.panel?.reviewerIds ?? []).some((id) => same(id, user._id))),

  /** A member applies for their organization; an enterprise is no social organization and is not incubated. */
  canApply: (user: UserRecord | undefined, org: Pick<OrganizationRecord, '_id' | 'type'>) =>
    same(user?.organizationId, org._id) && org.type !== 'enterprise',

  /** Reading one application: the applicant's members, the base's staff and the panel. */
  canRead(user: UserRecord | undefined, app: App) {
    return (
      this.isApplicant(user, app) || basePolicy.isStaffOf(user, app.baseId) || this.isReviewer(user, app)
    );
  },

  /** What the reader sees: staff everything (the panel, the tally); the applicant the outcome and mean only. */
  viewOf(user: UserRecord | undefined, app: App): 'staff' | 'applicant' {
    return basePolicy.isStaffOf(user, app.baseId) || this.isReviewer(user, app) ? 'staff' : 'applicant';
  },

  /** The base's applications, as a list: its operators and the bureau. */
  canList: (user: UserRecord | undefined, baseId: unknown) => basePolicy.isStaffOf(user, baseId),

  /** Forming the panel and deciding: the base's operators. */
  canManage: (user: UserRecord | undefined, app: Pick<ApplicationRecord, 'baseId'>) =>
    basePolicy.runs(user, app.baseId),

  /** Every review with its scores: the base's operators and the bureau. */
  canSeeReviews: (user: UserRecord | undefined, app: Pick<ApplicationRecord, 'baseId'>) =>
    basePolicy.isStaffOf(user, app.baseId),

  /** Withdrawing: the applicant's members. */
  canWithdraw(user: UserRecord | undefined, app: App) {
    return this.isApplicant(user, app);
  },

  /** Reviewers sit on a panel as staff: operator and bureau accounts. */
  mayReview: (reviewer: Pick<UserRecord, 'role'>) =>
    reviewer.role === 'operator' || reviewer.role === 'bureau',
};
