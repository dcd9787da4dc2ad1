import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { residencyStatuses } from '@app/shared';

const residencySchema = new Schema(
  {
    baseId: { type: Schema.Types.ObjectId, ref: 'Base', required: true },
    organizationId: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    /** The entry application whose admission opened this residency. */
    applicationId: { type: Schema.Types.ObjectId, ref: 'Application' },
    status: { type: String, enum: residencyStatuses, required: true, default: 'incubating' },
    admittedAt: { type: Date, required: true },
    endedAt: { type: Date },
    endReason: { type: String },
    endedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true, strict: 'throw' },
);
// At most one incubating residency per organization and base; ended ones stay as history.
residencySchema.index(
  { baseId: 1, organizationId: 1 },
  { unique: true, partialFilterExpression: { status: 'incubating' } },
);
residencySchema.index({ organizationId: 1, status: 1 });
residencySchema.index({ baseId: 1, status: 1, admittedAt: -1 });

export type ResidencyRecord = InferSchemaType<typeof residencySchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const ResidencyModel = model('Residency', residencySchema);
