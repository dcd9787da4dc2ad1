import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { applicationStatuses } from '@app/shared';

const criterionSchema = new Schema(
  {
    key: { type: String, required: true },
    label: { type: String, required: true },
    weight: { type: Number, required: true },
    max: { type: Number, required: true },
  },
  { _id: false, strict: 'throw', versionKey: false },
);

const applicationSchema = new Schema(
  {
    baseId: { type: Schema.Types.ObjectId, ref: 'Base', required: true },
    organizationId: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    /** The member who submitted it. */
    submittedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    plan: { type: String, required: true },
    domains: { type: [String], default: [] },
    status: { type: String, enum: applicationStatuses, required: true, default: 'submitted' },
    /** Set while the application is open (submitted, in review): one open application per organization and base. */
    open: { type: Boolean },
    panel: {
      type: new Schema(
        {
          reviewerIds: { type: [Schema.Types.ObjectId], required: true },
          rubric: { type: [criterionSchema], required: true },
          quorum: { type: Number, required: true },
          passScore: { type: Number, required: true },
          formedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
          formedAt: { type: Date, required: true },
        },
        { _id: false, strict: 'throw', versionKey: false },
      ),
    },
    decision: {
      type: new Schema(
        {
          outcome: { type: String, enum: ['admitted', 'rejected'], required: true },
          reason: { type: String, required: true },
          decidedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
          decidedAt: { type: Date, required: true },
          tally: {
            counted: { type: Number, required: true },
            recused: { type: Number, required: true },
            meanScore: { type: Number },
          },
        },
        { _id: false, strict: 'throw', versionKey: false },
      ),
    },
    withdrawnAt: { type: Date },
  },
  { timestamps: true, strict: 'throw' },
);
applicationSchema.index(
  { baseId: 1, organizationId: 1 },
  { unique: true, partialFilterExpression: { open: true } },
);
applicationSchema.index({ baseId: 1, status: 1, createdAt: -1 });
applicationSchema.index({ organizationId: 1, createdAt: -1 });
applicationSchema.index({ 'panel.reviewerIds': 1, status: 1 });

export type ApplicationRecord = InferSchemaType<typeof applicationSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const ApplicationModel = model('Application', applicationSchema);

/** One reviewer's scoring of one application, once; a recused one is kept and not counted. */
const reviewSchema = new Schema(
  {
    applicationId: { type: Schema.Types.ObjectId, ref: 'Application', required: true },
    reviewerId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    /** Criterion key → score, checked against the rubric before it is stored. */
    scores: { type: Schema.Types.Mixed, default: {} },
    comment: { type: String },
    /** A declared conflict of interest (or a reviewer who is a member of the applicant): not counted. */
    recused: { type: Boolean, required: true },
    /** The scores' weighted score (0..100) at the time, when every criterion was scored. */
    weightedScore: { type: Number },
  },
  { timestamps: { createdAt: true, updatedAt: false }, strict: 'throw' },
);
reviewSchema.index({ applicationId: 1, reviewerId: 1 }, { unique: true });

export type ApplicationReviewRecord = InferSchemaType<typeof reviewSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const ApplicationReviewModel = model('ApplicationReview', reviewSchema);
