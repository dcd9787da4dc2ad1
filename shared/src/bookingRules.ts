import type { BookingRuleCode, OpeningWindow, SpaceRules } from './schemas/space.js';
import { calendarDaysAhead, isOnHalfHour, minutesOfClock, shanghaiParts } from './time/shanghai.js';

/** What a booking is checked against besides the space: who books, when it is now, what they booked that week. */
export interface BookingCircumstances {
  now: Date;
  /** The booking organization is incubating in the space's base (resident priority). */
  resident: boolean;
  /** Minutes the organization already holds in this space in the booking's ISO week (0 when there is none). */
  weekMinutesUsed: number;
  /** Whether the weekly quota applies (a booking for an organization; staff booking for the base has none). */
  quotaApplies: boolean;
}

export interface SpaceForRules {
  capacity: number;
  openingHours: readonly OpeningWindow[];
  rules: SpaceRules;
}

export interface RuleBreach {
  code: BookingRuleCode;
  /** What the numbers of the breach are, for words in the client's language. */
  limit?: number;
}

/** How far ahead this booker may book: residents of the base the whole window, others `othersAdvanceDays`. */
export function advanceDaysFor(rules: SpaceRules, resident: boolean): number {
  return resident || rules.othersAdvanceDays === undefined ? rules.maxAdvanceDays : rules.othersAdvanceDays;
}

/** The opening window of the space that holds [startsAt, endsAt) on one Shanghai day, if any does. */
export function windowHolding(openingHours: readonly OpeningWindow[], startsAt: Date, endsAt: Date) {
  const start = shanghaiParts(startsAt);
  const endMs = endsAt.getTime() - startsAt.getTime();
  const endMinutes = start.minutes + endMs / 60_000;
  return openingHours.find(
    (w) =>
      w.weekday === start.weekday &&
      minutesOfClock(w.from) <= start.minutes &&
      endMinutes <= minutesOfClock(w.to),
  );
}

/**
 * Every rule of the space a booking breaks, in the order a person fixes them: the clock, the calendar, the
 * length, the room, the quota. An empty list means the booking may be made (if no one holds the time).
 */
export function bookingBreaches(
  space: SpaceForRules,
  booking: { startsAt: Date; endsAt: Date; attendees: number },
  at: BookingCircumstances,
): RuleBreach[] {
  const breaches: RuleBreach[] = [];
  const { rules } = space;
  const minutes = (booking.endsAt.getTime() - booking.startsAt.getTime()) / 60_000;
  if (!isOnHalfHour(booking.startsAt) || !isOnHalfHour(booking.endsAt)) breaches.push({ code: 'half_hour' });
  if (booking.startsAt.getTime() <= at.now.getTime()) breaches.push({ code: 'past' });
  if (minutes > 0 && !windowHolding(space.openingHours, booking.startsAt, booking.endsAt))
    breaches.push({ code: 'opening_hours' });
  const advance = advanceDaysFor(rules, at.resident);
  if (calendarDaysAhead(booking.startsAt, at.now) > advance)
    breaches.push({ code: 'advance_window', limit: advance });
  const min = rules.minMinutes ?? 30;
  if (minutes < min) breaches.push({ code: 'duration', limit: min });
  else if (rules.maxMinutes !== undefined && minutes > rules.maxMinutes)
    breaches.push({ code: 'duration', limit: rules.maxMinutes });
  if (booking.attendees > space.capacity) breaches.push({ code: 'capacity', limit: space.capacity });
  if (
    at.quotaApplies &&
    rules.weeklyQuotaMinutes !== undefined &&
    at.weekMinutesUsed + minutes > rules.weeklyQuotaMinutes
  )
    breaches.push({ code: 'quota', limit: rules.weeklyQuotaMinutes });
  return breaches;
}

/** The detail field a breach is about. */
export const breachPath = (code: BookingRuleCode): string[] => [
  code === 'capacity' ? 'attendees' : 'startsAt',
];
