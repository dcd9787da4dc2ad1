import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { auditTypes } from '@app/shared';

const auditEventSchema = new Schema(
  {
    type: { type: String, enum: auditTypes, required: true },
    actorId: { type: Schema.Types.ObjectId, ref: 'User' },
    subjectType: { type: String },
    subjectId: { type: String },
    ip: { type: String },
    detail: { type: Schema.Types.Mixed },
    at: { type: Date, default: () => new Date() },
  },
  { strict: 'throw', versionKey: false },
);
auditEventSchema.index({ type: 1, at: -1 });
auditEventSchema.index({ at: -1 });

export type AuditEventRecord = InferSchemaType<typeof auditEventSchema> & { _id: Types.ObjectId };
export const AuditEventModel = model('AuditEvent', auditEventSchema);
