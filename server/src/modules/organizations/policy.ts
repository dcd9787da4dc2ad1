import type { UserRecord } from '../users/model.js';
import type { OrganizationRecord } from './model.js';

type Org = Pick<OrganizationRecord, '_id'>;

/** Who may do what to an organization: the one place routes and sockets ask. */
export const organizationPolicy = {
  isMember: (user: UserRecord | undefined, org: Org) =>
    Boolean(user?.organizationId && String(user.organizationId) === String(org._id)),

  /** Members edit their organization; nobody else does. */
  canUpdate(user: UserRecord | undefined, org: Org) {
    return this.isMember(user, org);
  },

  /** Contact fields, documents and members: the organization itself and the staff who verify it. */
  canSeePrivate(user: UserRecord | undefined, org: Org) {
    return this.isMember(user, org) || user?.role === 'operator' || user?.role === 'bureau';
  },

  canVerify: (user: UserRecord | undefined) => user?.role === 'operator' || user?.role === 'bureau',

  /** Organizations are made by organization accounts (social organizations) and funder accounts (enterprises, foundations). */
  canCreate: (user: UserRecord | undefined) =>
    Boolean(user && (user.role === 'organization' || user.role === 'funder') && !user.organizationId),

  /** Funders act for enterprises and foundations; organization accounts for social organizations. */
  typeFitsRole(role: UserRecord['role'], type: string) {
    if (role === 'funder') return type === 'enterprise' || type === 'foundation';
    return type !== 'enterprise';
  },
};
