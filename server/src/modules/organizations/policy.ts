import { trusted } from 'mongoose';
import type { BaseArea } from '../bases/runBy.js';
import type { UserRecord } from '../users/model.js';
import type { OrganizationRecord } from './model.js';

type Org = Pick<OrganizationRecord, '_id' | 'baseId' | 'district' | 'street'>;
/** What decides which staff look after something: the base it is resident in, else its district and street. */
export type StaffPlace = Pick<OrganizationRecord, 'baseId' | 'district' | 'street'>;

const same = (a: unknown, b: unknown) => a != null && b != null && String(a) === String(b);

/** Where a base looks after organizations resident in no base: a street-level base's street, else its district. */
const areaOf = (base: BaseArea): { street: string } | { district: string } =>
  base.level === 'street' && base.street ? { street: base.street } : { district: base.district };

/**
 * Who may do what to an organization: the one place routes and sockets ask.
 *
 * Staff act on organizations as docs/domain.md gives them (flow 7): the bureau city-wide; an operator only on
 * the organizations of the one base they run (`base` is that base, from `baseRunBy`, or null). An organization resident in a base
 * belongs to that base. One resident in no base yet (every organization until entry review admits it, since
 * registering gives none) belongs to the base of its area (属地): a street-level base looks after its street,
 * a district- or city-level base its district (so the demo's Xuhui project team, waiting to be verified, is
 * the Xuhui operator's); where no base covers it, the bureau still does, so no organization is left without
 * someone who may verify it. Another base's operator gets the public view and a 403 for the rest.
 */
export const organizationPolicy = {
  isMember: (user: UserRecord | undefined, org: Pick<OrganizationRecord, '_id'>) =>
    Boolean(user?.organizationId && String(user.organizationId) === String(org._id)),

  /** The staff account looks after this organization: the bureau always, an operator within their base's scope. */
  oversees(user: UserRecord | undefined, base: BaseArea | null, org: StaffPlace): boolean {
    if (user?.role === 'bureau') return true;
    if (user?.role !== 'operator' || !base || !same(user.baseId, base._id)) return false;
    if (org.baseId) return same(org.baseId, base._id);
    const area = areaOf(base);
    return 'street' in area ? same(org.street, area.street) : same(org.district, area.district);
  },

  /** Members edit their organization; nobody else does. */
  canUpdate(user: UserRecord | undefined, org: Pick<OrganizationRecord, '_id'>) {
    return this.isMember(user, org);
  },

  /** Contact fields, documents and members: the organization itself and the staff who look after it. */
  canSeePrivate(user: UserRecord | undefined, base: BaseArea | null, org: Org) {
    return this.isMember(user, org) || this.oversees(user, base, org);
  },

  /** Verifying or rejecting: the staff who look after the organization. */
  canVerify(user: UserRecord | undefined, base: BaseArea | null, org: Org) {
    return this.oversees(user, base, org);
  },

  /**
   * The organizations whose unpublished state (pending, rejected) the account may list, as a filter: everything
   * for the bureau, the base's own and unplaced ones of its area for an operator, none (null) for anyone else.
   */
  reviewScope(user: UserRecord | undefined, base: BaseArea | null): Record<string, unknown> | null {
    if (user?.role === 'bureau') return {};
    if (user?.role !== 'operator' || !base || !same(user.baseId, base._id)) return null;
    return { $or: [{ baseId: base._id }, { baseId: trusted({ $exists: false }), ...areaOf(base) }] };
  },

  /** Organizations are made by organization accounts (social organizations) and funder accounts (enterprises, foundations). */
  canCreate: (user: UserRecord | undefined) =>
    Boolean(user && (user.role === 'organization' || user.role === 'funder') && !user.organizationId),

  /** Funders act for enterprises and foundations; organization accounts for social organizations. */
  typeFitsRole(role: UserRecord['role'], type: string) {
    if (role === 'funder') return type === 'enterprise' || type === 'foundation';
    return type !== 'enterprise';
  },
};
