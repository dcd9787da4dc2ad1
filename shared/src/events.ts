/**
 * Typed Socket.IO event maps (API.md, "Conversations and messages"). Use them as
 * `new Server<ClientToServerEvents, ServerToClientEvents>()` and `io<ServerToClientEvents, ClientToServerEvents>()`.
 * A type is not a check: the server validates every client payload with `clientEventSchemas` before acting.
 */
import { z } from 'zod';
import { errorBodySchema } from './errors.js';
import { idSchema } from './schemas/common.js';
import { clientIdSchema, messageBodySchema, messageSchema, type Message } from './schemas/message.js';

// ---- client to server ----------------------------------------------------------------------------------------

export const messageSendPayloadSchema = z.strictObject({
  conversationId: idSchema,
  body: messageBodySchema,
  clientId: clientIdSchema,
});
export type MessageSendPayload = z.infer<typeof messageSendPayloadSchema>;

/** Marks every message of a conversation up to and including `upTo` (a message id) as read. */
export const messageReadPayloadSchema = z.strictObject({ conversationId: idSchema, upTo: idSchema });
export type MessageReadPayload = z.infer<typeof messageReadPayloadSchema>;

export const typingPayloadSchema = z.strictObject({ conversationId: idSchema });
export type TypingPayload = z.infer<typeof typingPayloadSchema>;

/** The acknowledgement of `message:send`; a retry with the same clientId gets the same message. */
export const messageSendAckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), message: messageSchema }),
  z.object({ ok: z.literal(false), error: errorBodySchema.shape.error }),
]);
export type MessageSendAck = z.infer<typeof messageSendAckSchema>;

/** Run-time validators of every client-to-server payload, by event name. */
export const clientEventSchemas = {
  'message:send': messageSendPayloadSchema,
  'message:read': messageReadPayloadSchema,
  typing: typingPayloadSchema,
} as const;
export type ClientEventName = keyof typeof clientEventSchemas;

export interface ClientToServerEvents {
  'message:send': (payload: MessageSendPayload, ack: (answer: MessageSendAck) => void) => void;
  'message:read': (payload: MessageReadPayload) => void;
  typing: (payload: TypingPayload) => void;
}

// ---- server to client ----------------------------------------------------------------------------------------

export interface MessageNewEvent {
  message: Message;
}

/** Someone read a conversation up to a message. */
export const messageReadEventSchema = z.object({
  conversationId: idSchema,
  userId: idSchema,
  upTo: idSchema,
});
export type MessageReadEvent = z.infer<typeof messageReadEventSchema>;

/** Someone is typing in a conversation (sent to the others in it). */
export const typingEventSchema = z.object({ conversationId: idSchema, userId: idSchema });
export type TypingEvent = z.infer<typeof typingEventSchema>;

/** A notification for one user: a match proposed or accepted, an overdue match, a new message elsewhere... */
export const notificationEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string(),
  body: z.string().optional(),
  link: z.string().optional(),
  createdAt: z.iso.datetime(),
});
export type NotificationEvent = z.infer<typeof notificationEventSchema>;

export interface ServerToClientEvents {
  'message:new': (payload: MessageNewEvent) => void;
  'message:read': (payload: MessageReadEvent) => void;
  typing: (payload: TypingEvent) => void;
  notification: (payload: NotificationEvent) => void;
}
