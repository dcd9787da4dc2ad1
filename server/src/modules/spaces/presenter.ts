import { trusted, type Types } from 'mongoose';
import type { Booking, CalendarBooking, Space } from '@app/shared';
import { OrganizationModel } from '../organizations/model.js';
import type { UserRecord } from '../users/model.js';
import { SpaceModel, type BookingRecord, type SpaceRecord } from './model.js';
import { spacePolicy } from './policy.js';

export const presentSpace = (s: SpaceRecord): Space => ({
  id: String(s._id),
  baseId: String(s.baseId),
  name: s.name,
  type: s.type,
  capacity: s.capacity,
  facilities: [...(s.facilities ?? [])],
  accessible: Boolean(s.accessible),
  ...(s.description ? { description: s.description } : {}),
  openingHours: (s.openingHours ?? []).map((w) => ({ weekday: w.weekday, from: w.from, to: w.to })),
  rules: {
    maxAdvanceDays: s.rules!.maxAdvanceDays,
    ...(s.rules?.othersAdvanceDays != null ? { othersAdvanceDays: s.rules.othersAdvanceDays } : {}),
    ...(s.rules?.minMinutes != null ? { minMinutes: s.rules.minMinutes } : {}),
    ...(s.rules?.maxMinutes != null ? { maxMinutes: s.rules.maxMinutes } : {}),
    ...(s.rules?.weeklyQuotaMinutes != null ? { weeklyQuotaMinutes: s.rules.weeklyQuotaMinutes } : {}),
  },
  active: s.active !== false,
  createdAt: s.createdAt.toISOString(),
});

/** The names of the organizations of these records, by id. */
export async function organizationNames(
  ids: (Types.ObjectId | null | undefined)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is Types.ObjectId => Boolean(id)).map(String))];
  if (!wanted.length) return new Map();
  const orgs = await OrganizationModel.find({ _id: trusted({ $in: wanted }) })
    .select({ name: 1 })
    .lean<{ _id: Types.ObjectId; name: string }[]>();
  return new Map(orgs.map((o) => [String(o._id), o.name]));
}

/** Bookings for their booker's side and the base's staff (the only ones who get the whole booking). */
export async function presentBookings(records: BookingRecord[]): Promise<Booking[]> {
  const names = await organizationNames(records.map((b) => b.organizationId));
  const spaceIds = [...new Set(records.map((b) => String(b.spaceId)))];
  const spaces = await SpaceModel.find({ _id: trusted({ $in: spaceIds }) })
    .select({ name: 1 })
    .lean<{ _id: Types.ObjectId; name: string }[]>();
  const spaceNames = new Map(spaces.map((s) => [String(s._id), s.name]));
  return records.map((b) => {
    const orgName = b.organizationId ? names.get(String(b.organizationId)) : undefined;
    return {
      id: String(b._id),
      spaceId: String(b.spaceId),
      baseId: String(b.baseId),
      spaceName: spaceNames.get(String(b.spaceId)) ?? '',
      startsAt: b.startsAt.toISOString(),
      endsAt: b.endsAt.toISOString(),
      status: b.status,
      purpose: b.purpose,
      attendees: b.attendees,
      ...(b.organizationId ? { organizationId: String(b.organizationId) } : {}),
      ...(orgName ? { organizationName: orgName } : {}),
      bookedBy: String(b.bookedBy),
      ...(b.cancelledAt ? { cancelledAt: b.cancelledAt.toISOString() } : {}),
      createdAt: b.createdAt.toISOString(),
    };
  });
}

/** The calendar's view: when, and who and why only for those the policy lets see the booker. */
export async function presentCalendar(
  user: UserRecord | undefined,
  records: BookingRecord[],
): Promise<CalendarBooking[]> {
  const names = await organizationNames(
    records.filter((b) => spacePolicy.seesBooker(user, b)).map((b) => b.organizationId),
  );
  return records.map((b) => {
    const sees = spacePolicy.seesBooker(user, b);
    const orgName = sees && b.organizationId ? names.get(String(b.organizationId)) : undefined;
    return {
      id: String(b._id),
      startsAt: b.startsAt.toISOString(),
      endsAt: b.endsAt.toISOString(),
      status: b.status,
      ...(orgName ? { organizationName: orgName } : {}),
      ...(sees ? { purpose: b.purpose } : {}),
      mine: spacePolicy.isBooker(user, b),
    };
  });
}
