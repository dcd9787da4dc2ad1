import type { Side } from '@app/shared';
import type { UserRecord } from '../users/model.js';
import type { ListingRecord } from './model.js';

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

  /** Open listings are public; others only to those who may edit them and to staff. */
  canRead(
    user: UserRecord | undefined,
    listing: Pick<ListingRecord, 'ownerId' | 'organizationId' | 'status'>,
  ): boolean {
    return (
      listing.status === 'open' ||
      listing.status === 'matched' ||
      this.canEdit(user, listing) ||
      user?.role === 'operator' ||
      user?.role === 'bureau'
    );
  },
};
