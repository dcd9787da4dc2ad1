import {
  conversationListSchema,
  messageEnvelopeSchema,
  messageHistorySchema,
  type Message,
  type MessageHistory,
} from '@app/shared';
import { api, type HttpClient } from './http.js';

/** The caller's conversations, most recent first, with unread counts. */
export function fetchConversations(client: HttpClient = api) {
  return client.get('/api/conversations', { query: { pageSize: 100 }, schema: conversationListSchema });
}

/** The latest messages, those `after` one (catching up), or those `before` one (scrolling back). */
export function fetchMessages(
  conversationId: string,
  position: { after?: string; before?: string } = {},
  client: HttpClient = api,
): Promise<MessageHistory> {
  return client.get(`/api/conversations/${conversationId}/messages`, {
    query: { ...position, limit: 50 },
    schema: messageHistorySchema,
  });
}

/** Sends over HTTP, for when the socket is down; the same clientId twice stores one message. */
export async function postMessage(
  conversationId: string,
  body: { body: string; clientId: string },
  client: HttpClient = api,
): Promise<Message> {
  return (
    await client.post(`/api/conversations/${conversationId}/messages`, body, {
      schema: messageEnvelopeSchema,
    })
  ).message;
}

export async function markConversationRead(conversationId: string, upTo: string, client: HttpClient = api) {
  await client.post(`/api/conversations/${conversationId}/read`, { upTo });
}
