import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { baseLevels } from '@app/shared';

const baseSchema = new Schema(
  {
    name: { type: String, required: true },
    level: { type: String, enum: baseLevels.codes, required: true },
    district: { type: String, required: true },
    street: { type: String },
    address: { type: String },
    description: { type: String, default: '' },
    /** A 特色基地's service domains (empty for a general base). */
    domains: { type: [String], default: [] },
    /** The organization that runs the base for the bureau (运营单位), by name. */
    operatorOrganization: { type: String },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true, strict: 'throw' },
);
baseSchema.index({ district: 1 });
baseSchema.index({ level: 1 });

export type BaseRecord = InferSchemaType<typeof baseSchema> & { _id: Types.ObjectId; createdAt: Date };
export const BaseModel = model('Base', baseSchema);
