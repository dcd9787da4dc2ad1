import type { Side } from '@app/shared';
import type { BaseArea } from '../bases/runBy.js';
import { organizationPolicy, type StaffPlace } from '../organizations/policy.js';
import type { UserRecord } from '../users/model.js';
import type { ListingRecord } from './model.js';

/** What decides whether an operator looks after a listing: the base they run, and the listing's organization. */
export interface StaffScope {
  base: BaseArea | null;
  /** The listing's organization (null when it has none, or it is gone). */
  org: StaffPlace | null;
}

/** Who may do what to a listing: the one place routes and sockets ask. */
export const listingPolicy = {
  /**
   * Residents post needs (and a retired neighbour may offer to volunteer); organizations and funders post for
   * their organization, so they create it first; operators offer their base's spaces and services.
   */
  canPost(user: UserRecord | undefined, side: Side): boolean {
    if (!user) return false;
    switch (user.role) {
      case 'resident':
        return true;
      case 'funder':
      case 'organization':
        return Boolean(user.organizationId);
      case 'operator':
        return side === 'offer';
      default:
        return false;
    }
  },

  isOwner: (user: UserRecord | undefined, listing: Pick<ListingRecord, 'ownerId'>) =>
    Boolean(user && String(user._id) === String(listing.ownerId)),

  /** The owner edits and closes; so may a colleague in the same organization. */
  canEdit(user: UserRecord | undefined, listing: Pick<ListingRecord, 'ownerId' | 'organizationId'>): boolean {
    if (this.isOwner(user, listing)) return true;
    return Boolean(
      user?.organizationId &&
      listing.organizationId &&
      String(user.organizationId) === String(listing.organizationId),
    );
  },

  /**
   * Open and matched listings are public; the others go to those who may edit them, the bureau, and the operators
   * who look after the listing as they look after organizations (organizationPolicy.oversees): by its
   * organization, or, for a listing with none (a resident's, an operator's), by the listing's own district and
   * street. `staff` is the operator's scope (findReadableListing loads it); without it, an operator reads only
   * what is public or theirs.
   */
  canRead(
    user: UserRecord | undefined,
    listing: Pick<ListingRecord, 'ownerId' | 'organizationId' | 'status' | 'district' | 'street'>,
    staff?: StaffScope,
  ): boolean {
    if (listing.status === 'open' || listing.status === 'matched' || this.canEdit(user, listing)) return true;
    if (user?.role === 'bureau') return true;
    const place = listing.organizationId ? staff?.org : listing;
    return Boolean(staff && place && organizationPolicy.oversees(user, staff.base, place));
  },
};
