import type { Types } from 'mongoose';
import type { UserRecord } from '../users/model.js';
import type { BookingRecord } from './model.js';

type Id = Types.ObjectId | string | null | undefined;
const same = (a: Id, b: Id) => a != null && b != null && String(a) === String(b);

/**
 * Who may do what with a base's spaces, bookings and events: the one place routes ask. A base's staff are its
 * operators (their account's `baseId`); the bureau oversees every base and reads everything, but runs none.
 */
export const spacePolicy = {
  /** An operator of this base. */
  runsBase: (user: UserRecord | undefined, baseId: Id) =>
    user?.role === 'operator' && same(user.baseId, baseId),

  /** The base's operators and the bureau: they see who booked. */
  isStaffOf(user: UserRecord | undefined, baseId: Id): boolean {
    return user?.role === 'bureau' || this.runsBase(user, baseId);
  },

  /**
   * Members of an organization book for it (another organization's id is refused); the base's operators book
   * for the base itself or on behalf of any organization.
   */
  canBook(user: UserRecord | undefined, baseId: Id, organizationId: string | undefined): boolean {
    if (this.runsBase(user, baseId)) return true;
    if (!user?.organizationId || user.role === 'operator' || user.role === 'bureau') return false;
    return !organizationId || same(user.organizationId, organizationId);
  },

  /** The booker's side: whoever booked it, and the members of the organization it is booked for. */
  isBooker(
    user: UserRecord | undefined,
    booking: Pick<BookingRecord, 'bookedBy' | 'organizationId'>,
  ): boolean {
    return same(user?._id, booking.bookedBy) || same(user?.organizationId, booking.organizationId);
  },

  /** Cancelling: the booker's side and the base's operators. */
  canCancel(
    user: UserRecord | undefined,
    booking: Pick<BookingRecord, 'bookedBy' | 'organizationId' | 'baseId'>,
  ) {
    return this.isBooker(user, booking) || this.runsBase(user, booking.baseId);
  },

  /** Who booked (the organization, the purpose) is shown to staff and to the booker's side only. */
  seesBooker(
    user: UserRecord | undefined,
    booking: Pick<BookingRecord, 'bookedBy' | 'organizationId' | 'baseId'>,
  ) {
    return this.isBooker(user, booking) || this.isStaffOf(user, booking.baseId);
  },
};
