import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { conversationKinds } from '@app/shared';

const conversationSchema = new Schema(
  {
    kind: { type: String, enum: conversationKinds, required: true },
    /** What makes a conversation unique: `match:<id>`, `base:<orgId>:<baseId>` or `direct:<orgId>:<orgId>`. */
    key: { type: String, required: true },
    matchId: { type: Schema.Types.ObjectId },
    /** Users who are members in person. */
    memberUserIds: { type: [Schema.Types.ObjectId], default: [] },
    /** Organizations whose current members are all members (checked at each event, not copied). */
    organizationIds: { type: [Schema.Types.ObjectId], default: [] },
    /** For a base conversation: the operators of this base are members. */
    baseId: { type: Schema.Types.ObjectId },
    /**
     * The seq of the last stored message, moved forward after each insert: a hint where the next seq lies (see
     * storeMessage); the unique index on messages is what guarantees order.
     */
    lastSeq: { type: Number, default: 0 },
    lastMessageAt: { type: Date },
  },
  { timestamps: true, strict: 'throw' },
);
conversationSchema.index({ key: 1 }, { unique: true });
conversationSchema.index({ memberUserIds: 1 });
conversationSchema.index({ organizationIds: 1 });
conversationSchema.index({ baseId: 1 });

export type ConversationRecord = InferSchemaType<typeof conversationSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const ConversationModel = model('Conversation', conversationSchema);

const messageSchema = new Schema(
  {
    conversationId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    senderId: { type: Schema.Types.ObjectId, required: true },
    body: { type: String, required: true },
    clientId: { type: String, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, strict: 'throw', versionKey: false },
);
// Storage order, and the range scans of `after` and `before`.
messageSchema.index({ conversationId: 1, seq: 1 }, { unique: true });
// A retry of the same send finds the stored message instead of making a second one.
messageSchema.index({ conversationId: 1, senderId: 1, clientId: 1 }, { unique: true });
messageSchema.index({ conversationId: 1 });

export type MessageRecord = InferSchemaType<typeof messageSchema> & { _id: Types.ObjectId; createdAt: Date };
export const MessageModel = model('Message', messageSchema);

/** How far one member has read one conversation. */
const conversationReadSchema = new Schema(
  {
    conversationId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    upTo: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: { createdAt: false, updatedAt: true }, strict: 'throw', versionKey: false },
);
conversationReadSchema.index({ conversationId: 1, userId: 1 }, { unique: true });
conversationReadSchema.index({ conversationId: 1 });

export type ConversationReadRecord = InferSchemaType<typeof conversationReadSchema> & { _id: Types.ObjectId };
export const ConversationReadModel = model('ConversationRead', conversationReadSchema);
