import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { baseLevels } from '@app/shared';

const baseSchema = new Schema(
  {
    name: { type: String, required: true },
    level: { type: String, enum: baseLevels.codes, required: true },
    district: { type: String, required: true },
    street: { type: String },
    address: { type: String },
  },
  { timestamps: true, strict: 'throw' },
);
baseSchema.index({ district: 1 });

export type BaseRecord = InferSchemaType<typeof baseSchema> & { _id: Types.ObjectId; createdAt: Date };
export const BaseModel = model('Base', baseSchema);
