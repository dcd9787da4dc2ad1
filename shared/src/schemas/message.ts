import { z } from 'zod';
import { idSchema } from './common.js';

/** Longest message body a person may send. */
export const MESSAGE_BODY_MAX = 4000;

/**
 * A client's own id for a message it sends, so a retry is recognized and stored once. Printable ASCII without
 * spaces (a UUID or a nanoid fits), bounded so it cannot be used to bloat the store.
 */
export const clientIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, - or _');

/** A message body: not blank, at most 4000 characters. */
export const messageBodySchema = z
  .string()
  .max(MESSAGE_BODY_MAX)
  .refine((body) => body.trim().length > 0, 'must not be blank');

export const messageSchema = z.object({
  id: idSchema,
  conversationId: idSchema,
  /** The message's place in its conversation: 1, 2, 3... in the order the server stored them, without gaps. */
  seq: z.number().int().positive(),
  senderId: idSchema,
  body: z.string(),
  clientId: z.string(),
  createdAt: z.iso.datetime(),
});
export type Message = z.infer<typeof messageSchema>;

/** `POST /api/conversations/:id/messages` and the socket's `message:send` carry the same fields. */
export const sendMessageBodySchema = z.strictObject({ body: messageBodySchema, clientId: clientIdSchema });
export type SendMessageBody = z.infer<typeof sendMessageBodySchema>;

/**
 * `GET /api/conversations/:id/messages`: `after` gives the messages following that one (catching up after a
 * reconnect), `before` the ones preceding it (scrolling back); neither gives the latest. Always in send order.
 */
export const messageHistoryQuerySchema = z
  .strictObject({
    after: idSchema.optional(),
    before: idSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((q) => !(q.after && q.before), { path: ['before'], message: 'give after or before, not both' });
export type MessageHistoryQuery = z.infer<typeof messageHistoryQuerySchema>;

export const messageHistorySchema = z.object({
  items: z.array(messageSchema),
  /** More messages lie beyond this page in the direction asked (after: newer; before or none: older). */
  hasMore: z.boolean(),
});
export type MessageHistory = z.infer<typeof messageHistorySchema>;

export const messageEnvelopeSchema = z.object({ message: messageSchema });

/**
 * Merges messages from any source (live events, history pages, acknowledgements) into one list: each id once,
 * ordered by `seq`, which is the order the server stored them in.
 */
export function mergeMessages(current: readonly Message[], incoming: readonly Message[]): Message[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}
