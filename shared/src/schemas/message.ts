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
  senderId: idSchema,
  body: z.string(),
  clientId: z.string(),
  createdAt: z.iso.datetime(),
});
export type Message = z.infer<typeof messageSchema>;

/** `POST /api/conversations/:id/messages` and the socket's `message:send` carry the same fields. */
export const sendMessageBodySchema = z.strictObject({ body: messageBodySchema, clientId: clientIdSchema });
export type SendMessageBody = z.infer<typeof sendMessageBodySchema>;
