import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

const savedSearchSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    q: { type: String },
    side: { type: String, enum: ['offer', 'need'] },
    kind: { type: [String], default: [] },
    domain: { type: [String], default: [] },
    district: { type: [String], default: [] },
    lastNotifiedAt: { type: Date },
  },
  { timestamps: { createdAt: true, updatedAt: false }, strict: 'throw', versionKey: false },
);
savedSearchSchema.index({ userId: 1 });

export type SavedSearchRecord = InferSchemaType<typeof savedSearchSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const SavedSearchModel = model('SavedSearch', savedSearchSchema);
