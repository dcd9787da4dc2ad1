/**
 * Typed Socket.IO event maps (docs/api.md, "The core", Socket.IO). Use them as
 * `new Server<ClientToServerEvents, ServerToClientEvents>()` and `io<ServerToClientEvents, ClientToServerEvents>()`.
 * A type is not a check: the server validates every client payload with `clientEventSchemas` before acting.
 */
import { z } from 'zod';
import { errorBodySchema } from './errors.js';
import { idSchema } from './schemas/common.js';
import { clientIdSchema, messageBodySchema, messageSchema, type Message } from './schemas/message.js';
import { notificationSchema } from './schemas/notification.js';

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

/** Joins a conversation's room (one opened after the socket connected); refused unless a member. */
export const conversationJoinPayloadSchema = z.strictObject({ conversationId: idSchema });
export type ConversationJoinPayload = z.infer<typeof conversationJoinPayloadSchema>;

/** The acknowledgement of `message:send`; a retry with the same clientId gets the same message. */
export const messageSendAckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), message: messageSchema }),
  z.object({ ok: z.literal(false), error: errorBodySchema.shape.error }),
]);
export type MessageSendAck = z.infer<typeof messageSendAckSchema>;

/** The acknowledgement of the other client events (optional for `message:read` and `typing`). */
export const eventAckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: errorBodySchema.shape.error }),
]);
export type EventAck = z.infer<typeof eventAckSchema>;

/** Run-time validators of every client-to-server payload, by event name. */
export const clientEventSchemas = {
  'message:send': messageSendPayloadSchema,
  'message:read': messageReadPayloadSchema,
  typing: typingPayloadSchema,
  'conversation:join': conversationJoinPayloadSchema,
} as const;
export type ClientEventName = keyof typeof clientEventSchemas;

export interface ClientToServerEvents {
  'message:send': (payload: MessageSendPayload, ack: (answer: MessageSendAck) => void) => void;
  'message:read': (payload: MessageReadPayload, ack?: (answer: EventAck) => void) => void;
  typing: (payload: TypingPayload, ack?: (answer: EventAck) => void) => void;
  'conversation:join': (payload: ConversationJoinPayload, ack: (answer: EventAck) => void) => void;
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
export const notificationEventSchema = notificationSchema;
export type NotificationEvent = z.infer<typeof notificationEventSchema>;

/** Someone of the other side came online or went offline (their last connection closed). */
export const presenceEventSchema = z.object({
  conversationId: idSchema,
  userId: idSchema,
  online: z.boolean(),
});
export type PresenceEvent = z.infer<typeof presenceEventSchema>;

/** A conversation the user is a member of was opened; the socket has joined its room. */
export const conversationOpenedEventSchema = z.object({ conversationId: idSchema });
export type ConversationOpenedEvent = z.infer<typeof conversationOpenedEventSchema>;

export interface ServerToClientEvents {
  'message:new': (payload: MessageNewEvent) => void;
  'message:read': (payload: MessageReadEvent) => void;
  typing: (payload: TypingEvent) => void;
  notification: (payload: NotificationEvent) => void;
  presence: (payload: PresenceEvent) => void;
  'conversation:opened': (payload: ConversationOpenedEvent) => void;
}
