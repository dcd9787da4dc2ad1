import { Schema, model, type InferSchemaType, type HydratedDocument, type Types } from 'mongoose';
import { verificationStatuses } from '@app/shared';
import { forgetOnWrites } from '../../lib/recentlyRead.js';
import { recentOrganizations } from './recentOrganizations.js';

const documentSchema = new Schema(
  {
    kind: { type: String, enum: ['registration-certificate', 'other'], required: true },
    filename: { type: String, required: true },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    storageKey: { type: String, required: true },
    uploadedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    uploadedAt: { type: Date, default: () => new Date() },
  },
  { strict: 'throw', versionKey: false },
);

const invitationSchema = new Schema(
  {
    /** sha256 of the code: the code itself is shown once, to the member who made it. */
    codeHash: { type: String, required: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    expiresAt: { type: Date, required: true },
  },
  { _id: false, strict: 'throw', versionKey: false },
);

const organizationSchema = new Schema(
  {
    name: { type: String, required: true },
    type: { type: String, required: true },
    creditCode: { type: String },
    domains: { type: [String], default: [] },
    district: { type: String, required: true },
    street: { type: String },
    description: { type: String, default: '' },
    grade: { type: Number, min: 1, max: 5 },
    phone: { type: String },
    contactEmail: { type: String },
    verification: {
      status: { type: String, enum: verificationStatuses, default: 'pending' },
      reason: { type: String },
      decidedBy: { type: Schema.Types.ObjectId, ref: 'User' },
      decidedAt: { type: Date },
    },
    /** The incubation base the organization is resident in, once admitted. */
    baseId: { type: Schema.Types.ObjectId, ref: 'Base' },
    documents: { type: [documentSchema], default: [] },
    invitations: { type: [invitationSchema], default: [] },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true, strict: 'throw' },
);
organizationSchema.index({ creditCode: 1 }, { unique: true, sparse: true });
organizationSchema.index({ 'verification.status': 1 });
organizationSchema.index({ 'invitations.codeHash': 1 });
// Requests keep the facts they read for a moment (recentOrganizations.ts): every write forgets what it may change.
forgetOnWrites(organizationSchema, recentOrganizations);

export type OrganizationRecord = InferSchemaType<typeof organizationSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export type OrganizationDocument = HydratedDocument<OrganizationRecord>;
export const OrganizationModel = model('Organization', organizationSchema);

/** Registered means a legal person with a credit code (not a project team) that a base has verified. */
export const isRegistered = (org: Pick<OrganizationRecord, 'type' | 'creditCode' | 'verification'>) =>
  org.type !== 'project-team' && Boolean(org.creditCode) && org.verification?.status === 'verified';
