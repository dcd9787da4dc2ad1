import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { baseEventKinds, baseEventStatuses, domains, signUpStatuses } from '@app/shared';

const baseEventSchema = new Schema(
  {
    baseId: { type: Schema.Types.ObjectId, ref: 'Base', required: true },
    kind: { type: String, enum: baseEventKinds, required: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    capacity: { type: Number, required: true },
    /** The space the event holds (its half hours are taken as a booking's are). */
    spaceId: { type: Schema.Types.ObjectId, ref: 'Space' },
    place: { type: String },
    domains: { type: [{ type: String, enum: domains.codes }], default: [] },
    status: { type: String, enum: baseEventStatuses, required: true, default: 'scheduled' },
    /**
     * Counters every sign-up change writes in its transaction: two changes to one event always meet on this
     * document (a write conflict, retried), so concurrent sign-ups and cancels never pass the capacity.
     */
    confirmedCount: { type: Number, required: true, default: 0 },
    waitlistCount: { type: Number, required: true, default: 0 },
    /** The last queue number handed out: the waiting list's order. */
    seq: { type: Number, required: true, default: 0 },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
    cancelledAt: { type: Date },
  },
  { timestamps: true, strict: 'throw' },
);
baseEventSchema.index({ baseId: 1, startsAt: 1 });
baseEventSchema.index({ startsAt: 1 });
baseEventSchema.index({ spaceId: 1, startsAt: 1 }, { sparse: true });
export type BaseEventRecord = InferSchemaType<typeof baseEventSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const BaseEventModel = model('BaseEvent', baseEventSchema);

const registrationSchema = new Schema(
  {
    eventId: { type: Schema.Types.ObjectId, ref: 'BaseEvent', required: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    organizationId: { type: Schema.Types.ObjectId, ref: 'Organization' },
    status: { type: String, enum: signUpStatuses, required: true },
    /** Queue number: the waiting list moves up in this order. */
    seq: { type: Number, required: true },
    attended: { type: Boolean },
    promotedAt: { type: Date },
    cancelledAt: { type: Date },
  },
  { timestamps: true, strict: 'throw' },
);
// One sign-up per person and event; signing up again after cancelling reuses it.
registrationSchema.index({ eventId: 1, userId: 1 }, { unique: true });
registrationSchema.index({ eventId: 1, status: 1, seq: 1 });
registrationSchema.index({ userId: 1, createdAt: -1 });
export type RegistrationRecord = InferSchemaType<typeof registrationSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const RegistrationModel = model('EventRegistration', registrationSchema);
