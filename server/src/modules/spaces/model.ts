import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { bookingStatuses, spaceTypes } from '@app/shared';

const openingWindowSchema = new Schema(
  {
    weekday: { type: Number, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
  },
  { _id: false, versionKey: false },
);

const spaceSchema = new Schema(
  {
    baseId: { type: Schema.Types.ObjectId, ref: 'Base', required: true },
    name: { type: String, required: true },
    type: { type: String, enum: spaceTypes, required: true },
    capacity: { type: Number, required: true },
    facilities: { type: [String], default: [] },
    accessible: { type: Boolean, default: false },
    description: { type: String },
    openingHours: { type: [openingWindowSchema], default: [] },
    rules: {
      maxAdvanceDays: { type: Number, required: true },
      othersAdvanceDays: { type: Number },
      minMinutes: { type: Number },
      maxMinutes: { type: Number },
      weeklyQuotaMinutes: { type: Number },
    },
    /** An archived space takes no new bookings and leaves the public list. */
    active: { type: Boolean, default: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true, strict: 'throw' },
);
spaceSchema.index({ baseId: 1 });
export type SpaceRecord = InferSchemaType<typeof spaceSchema> & { _id: Types.ObjectId; createdAt: Date };
export const SpaceModel = model('Space', spaceSchema);

const bookingSchema = new Schema(
  {
    spaceId: { type: Schema.Types.ObjectId, ref: 'Space', required: true },
    baseId: { type: Schema.Types.ObjectId, ref: 'Base', required: true },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    status: { type: String, enum: bookingStatuses, required: true, default: 'confirmed' },
    purpose: { type: String, required: true },
    attendees: { type: Number, required: true },
    /** The organization the time is booked for; none when the base's staff book it for the base. */
    organizationId: { type: Schema.Types.ObjectId, ref: 'Organization' },
    bookedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    /** The ISO week (Shanghai) the booking falls in, e.g. `2026-W49`: the quota's unit. */
    isoWeek: { type: String, required: true },
    cancelledAt: { type: Date },
    cancelledBy: { type: Schema.Types.ObjectId, ref: 'User' },
    noShowAt: { type: Date },
  },
  { timestamps: true, strict: 'throw' },
);
bookingSchema.index({ spaceId: 1, startsAt: 1 });
bookingSchema.index({ organizationId: 1, startsAt: -1 });
bookingSchema.index({ bookedBy: 1, startsAt: -1 });
bookingSchema.index({ baseId: 1, startsAt: 1 });
export type BookingRecord = InferSchemaType<typeof bookingSchema> & { _id: Types.ObjectId; createdAt: Date };
export const BookingModel = model('Booking', bookingSchema);

/**
 * One half hour of one space, held by a booking or an event. The unique index on (spaceId, slotStart) is what
 * makes a double booking impossible: every holder inserts its slots in its own transaction, so of two holders
 * racing for the same half hour exactly one commits, on MongoDB and on the embedded engine alike.
 */
const spaceSlotSchema = new Schema(
  {
    spaceId: { type: Schema.Types.ObjectId, required: true },
    slotStart: { type: Date, required: true },
    bookingId: { type: Schema.Types.ObjectId },
    eventId: { type: Schema.Types.ObjectId },
  },
  { strict: 'throw', versionKey: false },
);
spaceSlotSchema.index({ spaceId: 1, slotStart: 1 }, { unique: true });
spaceSlotSchema.index({ bookingId: 1 }, { sparse: true });
spaceSlotSchema.index({ eventId: 1 }, { sparse: true });
export type SpaceSlotRecord = InferSchemaType<typeof spaceSlotSchema> & { _id: Types.ObjectId };
export const SpaceSlotModel = model('SpaceSlot', spaceSlotSchema);

/**
 * The minutes an organization holds in a space in one ISO week. Every booking and cancellation changes it in
 * its own transaction, so concurrent bookings of one organization meet on this one document (a write conflict
 * that retries) and cannot together pass the weekly quota.
 */
const weeklyUseSchema = new Schema(
  {
    spaceId: { type: Schema.Types.ObjectId, required: true },
    organizationId: { type: Schema.Types.ObjectId, required: true },
    isoWeek: { type: String, required: true },
    minutes: { type: Number, required: true, default: 0 },
  },
  { strict: 'throw', versionKey: false },
);
weeklyUseSchema.index({ spaceId: 1, organizationId: 1, isoWeek: 1 }, { unique: true });
export const WeeklyUseModel = model('SpaceWeeklyUse', weeklyUseSchema);
