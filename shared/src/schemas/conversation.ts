import { z } from 'zod';
import { idSchema, pageOf } from './common.js';
import { messageSchema } from './message.js';

/** A conversation is about a match, between an organization and its base, or direct between two organizations. */
export const conversationKinds = ['match', 'base', 'direct'] as const;
export const conversationKindSchema = z.enum(conversationKinds);
export type ConversationKind = z.infer<typeof conversationKindSchema>;

/** Who is on the other side of a conversation, as the viewer sees it. */
export const counterpartSchema = z.object({
  kind: z.enum(['organization', 'base', 'user']),
  id: idSchema,
  name: z.string(),
});
export type Counterpart = z.infer<typeof counterpartSchema>;

/** How far someone has read: a read receipt. */
export const readReceiptSchema = z.object({ userId: idSchema, upTo: idSchema, seq: z.number().int() });

export const conversationSchema = z.object({
  id: idSchema,
  kind: conversationKindSchema,
  matchId: idSchema.optional(),
  counterparts: z.array(counterpartSchema),
  /**
   * Members: the users listed, every current member of the organizations listed and, for a base conversation,
   * the operators of the base.
   */
  memberUserIds: z.array(idSchema),
  organizationIds: z.array(idSchema),
  baseId: idSchema.optional(),
  lastSeq: z.number().int(),
  lastMessage: messageSchema.optional(),
  /** Messages from others after the viewer's read receipt. */
  unreadCount: z.number().int(),
  /** Users of the other side connected right now (presence). */
  online: z.array(idSchema),
  /** Read receipts of the other members. */
  reads: z.array(readReceiptSchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const conversationEnvelopeSchema = z.object({ conversation: conversationSchema });
export const conversationListSchema = pageOf(conversationSchema);

/**
 * `POST /api/conversations`: an organization member opens the conversation with its base (an operator names the
 * organization instead); a member of a verified organization opens a direct one with another verified
 * organization. Opening is idempotent: the same pair always gets the same conversation.
 */
export const openConversationBodySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('base'), organizationId: idSchema.optional() }),
  z.strictObject({ kind: z.literal('direct'), organizationId: idSchema }),
]);
export type OpenConversationBody = z.infer<typeof openConversationBodySchema>;

export const conversationIdParamsSchema = z.strictObject({ id: idSchema });

/** `POST /api/conversations/:id/read`: a read receipt up to and including a message. */
export const markReadBodySchema = z.strictObject({ upTo: idSchema });
