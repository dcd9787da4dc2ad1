import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { matchStatuses } from '@app/shared';

const reviewSchema = new Schema(
  {
    side: { type: String, enum: ['need', 'offer'], required: true },
    byUserId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    rating: { type: Number, min: 1, max: 5, required: true },
    comment: { type: String },
    createdAt: { type: Date, default: () => new Date() },
  },
  { _id: false, strict: 'throw', versionKey: false },
);

const historySchema = new Schema(
  {
    status: { type: String, enum: matchStatuses, required: true },
    by: { type: Schema.Types.ObjectId, ref: 'User' },
    at: { type: Date, default: () => new Date() },
    note: { type: String },
  },
  { _id: false, strict: 'throw', versionKey: false },
);

/** A photo or document attached as evidence; the file itself is in storage under `storageKey`. */
const evidenceFileSchema = new Schema(
  {
    filename: { type: String, required: true },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    storageKey: { type: String, required: true },
    uploadedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    side: { type: String, enum: ['need', 'offer'], required: true },
    uploadedAt: { type: Date, default: () => new Date() },
  },
  { strict: 'throw', versionKey: false },
);

/** One named part of the score shown when the match was proposed. */
const reasonSchema = new Schema(
  {
    factor: { type: String, required: true },
    points: { type: Number, required: true },
    max: { type: Number, required: true },
    detail: { type: String, required: true },
  },
  { _id: false, strict: 'throw', versionKey: false },
);

const matchSchema = new Schema(
  {
    needId: { type: Schema.Types.ObjectId, ref: 'Listing', required: true },
    offerId: { type: Schema.Types.ObjectId, ref: 'Listing', required: true },
    /** Owners and organizations of both sides at proposal time: who may act on the match. */
    needOwnerId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    offerOwnerId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    needOrgId: { type: Schema.Types.ObjectId, ref: 'Organization' },
    offerOrgId: { type: Schema.Types.ObjectId, ref: 'Organization' },
    status: { type: String, enum: matchStatuses, default: 'proposed' },
    score: { type: Number, required: true },
    /** The reasons and label of the score as shown when proposed, in the proposer's language. */
    reasons: { type: [reasonSchema], default: [] },
    label: { type: String, enum: ['high', 'mid', 'low'] },
    /** Funding: the sum committed on acceptance. */
    amount: { type: Number },
    /** Capacity needs: the units (volunteers, places) this match covers once accepted. */
    units: { type: Number },
    proposedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    proposedSide: { type: String, enum: ['need', 'offer'], required: true },
    note: { type: String },
    deadline: { type: Date, required: true },
    /** When the base operator was told the answer is late. */
    overdueAt: { type: Date },
    declineReason: { type: String },
    conversationId: { type: Schema.Types.ObjectId, ref: 'Conversation' },
    evidence: {
      summary: { type: String },
      amount: { type: Number },
      deliveredAt: { type: Date },
    },
    evidenceFiles: { type: [evidenceFileSchema], default: [] },
    reviews: { type: [reviewSchema], default: [] },
    history: { type: [historySchema], default: [] },
  },
  { timestamps: true, strict: 'throw' },
);
matchSchema.index({ needOwnerId: 1, status: 1 });
matchSchema.index({ offerOwnerId: 1, status: 1 });
matchSchema.index({ needOrgId: 1 });
matchSchema.index({ offerOrgId: 1 });
matchSchema.index({ needId: 1, offerId: 1 });
matchSchema.index({ status: 1, deadline: 1 });
// The statistics read the matches something happened to in a period: changed in it, or due in it.
matchSchema.index({ updatedAt: 1 });
matchSchema.index({ deadline: 1 });

export type MatchRecord = InferSchemaType<typeof matchSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const MatchModel = model('Match', matchSchema);

/** A proposal is answered within this long. */
export const RESPONSE_DAYS = 3;
/** After the deadline the base operator is told; after this much more the proposal expires. */
export const EXPIRE_AFTER_OVERDUE_DAYS = 4;
