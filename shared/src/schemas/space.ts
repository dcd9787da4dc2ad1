import { z } from 'zod';
import { idSchema, pageQuerySchema } from './common.js';
import { clockTimePattern, minutesOfClock } from '../time/shanghai.js';

/** The kinds of shared space a base lends (DOMAIN: venue). */
export const spaceTypes = ['office', 'meeting-room', 'event-space', 'exhibition'] as const;
export const spaceTypeSchema = z.enum(spaceTypes);
export type SpaceType = z.infer<typeof spaceTypeSchema>;

const clock = z.string().regex(clockTimePattern, 'must be HH:MM');

/** One opening window of one ISO weekday (1 = Monday … 7 = Sunday), in Shanghai time. */
export const openingWindowSchema = z
  .strictObject({ weekday: z.number().int().min(1).max(7), from: clock, to: clock })
  .refine((w) => minutesOfClock(w.from) < minutesOfClock(w.to), {
    path: ['to'],
    message: 'must be after from',
  });
export type OpeningWindow = z.infer<typeof openingWindowSchema>;

/**
 * How a space may be booked. Residents of the base book up to `maxAdvanceDays` ahead; other organizations up to
 * `othersAdvanceDays` (resident priority). `weeklyQuotaMinutes` is per organization per ISO week, in this space.
 */
export const spaceRulesSchema = z
  .strictObject({
    maxAdvanceDays: z.number().int().min(0).max(365),
    othersAdvanceDays: z.number().int().min(0).max(365).optional(),
    minMinutes: z.number().int().min(30).max(1440).optional(),
    maxMinutes: z.number().int().min(30).max(1440).optional(),
    weeklyQuotaMinutes: z.number().int().min(30).max(10_080).optional(),
  })
  .refine((r) => r.othersAdvanceDays === undefined || r.othersAdvanceDays <= r.maxAdvanceDays, {
    path: ['othersAdvanceDays'],
    message: 'may not exceed maxAdvanceDays',
  })
  .refine((r) => !r.minMinutes || !r.maxMinutes || r.minMinutes <= r.maxMinutes, {
    path: ['maxMinutes'],
    message: 'may not be below minMinutes',
  });
export type SpaceRules = z.infer<typeof spaceRulesSchema>;

const spaceFields = {
  name: z.string().trim().min(1).max(80),
  type: spaceTypeSchema,
  capacity: z.number().int().min(1).max(2000),
  facilities: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  accessible: z.boolean().optional(),
  description: z.string().trim().max(1000).optional(),
  openingHours: z.array(openingWindowSchema).max(28),
  rules: spaceRulesSchema,
};

export const createSpaceBodySchema = z.strictObject(spaceFields);
export type CreateSpaceBody = z.infer<typeof createSpaceBodySchema>;
export const updateSpaceBodySchema = z
  .strictObject({ ...spaceFields, active: z.boolean() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
export type UpdateSpaceBody = z.infer<typeof updateSpaceBodySchema>;

/** A shared space of a base (共享空间). */
export const spaceSchema = z.object({
  id: idSchema,
  baseId: idSchema,
  name: z.string(),
  type: spaceTypeSchema,
  capacity: z.number().int(),
  facilities: z.array(z.string()),
  accessible: z.boolean(),
  description: z.string().optional(),
  openingHours: z.array(openingWindowSchema),
  rules: spaceRulesSchema,
  active: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type Space = z.infer<typeof spaceSchema>;
export const spaceEnvelopeSchema = z.object({ space: spaceSchema });
export const spaceListSchema = z.object({ items: z.array(spaceSchema) });

export const bookingStatuses = ['confirmed', 'cancelled', 'no_show'] as const;
export const bookingStatusSchema = z.enum(bookingStatuses);
export type BookingStatus = z.infer<typeof bookingStatusSchema>;

/** The rule a refused booking broke, as `details[].code` of the 400. */
export const bookingRuleCodes = [
  'half_hour',
  'past',
  'opening_hours',
  'advance_window',
  'duration',
  'capacity',
  'quota',
] as const;
export type BookingRuleCode = (typeof bookingRuleCodes)[number];

const instant = z.iso.datetime({ offset: true });

export const createBookingBodySchema = z.strictObject({
  startsAt: instant,
  endsAt: instant,
  purpose: z.string().trim().min(1).max(200),
  attendees: z.number().int().min(1).max(10_000),
  organizationId: idSchema.optional(),
});
export type CreateBookingBody = z.infer<typeof createBookingBodySchema>;

/** A booking as its booker and the base's staff see it. */
export const bookingSchema = z.object({
  id: idSchema,
  spaceId: idSchema,
  baseId: idSchema,
  spaceName: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  status: bookingStatusSchema,
  purpose: z.string(),
  attendees: z.number().int(),
  organizationId: idSchema.optional(),
  organizationName: z.string().optional(),
  bookedBy: idSchema,
  cancelledAt: z.iso.datetime().optional(),
  createdAt: z.iso.datetime(),
});
export type Booking = z.infer<typeof bookingSchema>;
export const bookingEnvelopeSchema = z.object({ booking: bookingSchema });

/** One booked stretch of the calendar; who booked it only for staff and the booker's organization. */
export const calendarBookingSchema = z.object({
  id: idSchema,
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  status: bookingStatusSchema,
  organizationName: z.string().optional(),
  purpose: z.string().optional(),
  mine: z.boolean(),
});
export type CalendarBooking = z.infer<typeof calendarBookingSchema>;
/** An event holding the space. */
export const calendarHoldSchema = z.object({
  eventId: idSchema,
  title: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
});
export type CalendarHold = z.infer<typeof calendarHoldSchema>;
export const spaceCalendarSchema = z.object({
  items: z.array(calendarBookingSchema),
  events: z.array(calendarHoldSchema),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
});
export type SpaceCalendar = z.infer<typeof spaceCalendarSchema>;
export const spaceCalendarQuerySchema = z.strictObject({
  from: instant.optional(),
  to: instant.optional(),
});

export const myBookingsQuerySchema = pageQuerySchema
  .extend({ status: bookingStatusSchema.optional(), upcoming: z.enum(['true', 'false']).optional() })
  .strict();

export const spaceIdParamsSchema = z.strictObject({ id: idSchema });
