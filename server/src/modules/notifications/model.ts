import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { notificationTypes } from '@app/shared';

const notificationSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    type: { type: String, enum: notificationTypes, required: true },
    title: { type: String, required: true },
    body: { type: String },
    link: { type: String },
    /** Ids and names a client needs to word the notification in its own language. */
    data: { type: Map, of: String },
    readAt: { type: Date },
    /** While unread: what it is about (`message.offline:<conversationId>`), so one such stays unread at a time. */
    unreadKey: { type: String },
  },
  { timestamps: { createdAt: true, updatedAt: false }, strict: 'throw', versionKey: false },
);
notificationSchema.index({ userId: 1 });
// Concurrent notifiers of the same thing make one notification, even across processes.
notificationSchema.index(
  { userId: 1, unreadKey: 1 },
  { unique: true, partialFilterExpression: { unreadKey: { $exists: true } } },
);
notificationSchema.index({ userId: 1, createdAt: -1 });

export type NotificationRecord = InferSchemaType<typeof notificationSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const NotificationModel = model('Notification', notificationSchema);

/** An email waiting to be handed to the email adapter, for a user who was offline when notified. */
const emailOutboxSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    notificationId: { type: Schema.Types.ObjectId },
    to: { type: String, required: true },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    status: { type: String, enum: ['pending', 'sent', 'failed'], default: 'pending' },
    attempts: { type: Number, default: 0 },
    /** A sender's claim; a claim that lapsed (its process died) is taken again. */
    claimedUntil: { type: Date, default: () => new Date(0) },
    /** The run that claimed it last (each run claims its batch in one update, then reads back what it won). */
    claim: { type: String },
    sentAt: { type: Date },
    lastError: { type: String },
  },
  { timestamps: { createdAt: true, updatedAt: false }, strict: 'throw', versionKey: false },
);
emailOutboxSchema.index({ status: 1 });
emailOutboxSchema.index({ userId: 1 });

export type EmailOutboxRecord = InferSchemaType<typeof emailOutboxSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const EmailOutboxModel = model('EmailOutbox', emailOutboxSchema);
