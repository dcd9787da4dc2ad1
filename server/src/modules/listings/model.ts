import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { listingStatuses } from '@app/shared';

const listingSchema = new Schema(
  {
    side: { type: String, enum: ['offer', 'need'], required: true },
    kind: { type: String, required: true },
    subkind: { type: String },
    title: { type: String, required: true },
    description: { type: String, required: true },
    domains: { type: [String], default: [] },
    district: { type: String, required: true },
    street: { type: String },
    location: { lat: Number, lng: Number },
    amount: { min: Number, max: Number },
    capacity: { type: Number },
    /** How much of the capacity accepted matches have taken (1 each when no capacity is given). */
    capacityUsed: { type: Number, default: 0 },
    /** A funding need: the sum its accepted matches have committed; a funding offer: the sum it has awarded. */
    amountCommitted: { type: Number, default: 0 },
    startsAt: { type: Date },
    endsAt: { type: Date },
    eligibility: {
      orgTypes: { type: [String], default: undefined },
      registeredOnly: { type: Boolean },
      minGrade: { type: Number },
      districts: { type: [String], default: undefined },
    },
    status: { type: String, enum: listingStatuses.codes, default: 'open' },
    ownerId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    organizationId: { type: Schema.Types.ObjectId, ref: 'Organization' },
  },
  { timestamps: true, strict: 'throw', minimize: true },
);
listingSchema.index({ ownerId: 1, createdAt: -1 });
listingSchema.index({ organizationId: 1 });
listingSchema.index({ status: 1, endsAt: 1 });
// The statistics count listings by when they were posted, citywide and per district.
listingSchema.index({ createdAt: 1 });
listingSchema.index({ district: 1, createdAt: 1 });

export type ListingRecord = InferSchemaType<typeof listingSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const ListingModel = model('Listing', listingSchema);
