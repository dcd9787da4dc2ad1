import type { Conversation, Counterpart, Message } from '@app/shared';
import type { ConversationRecord, MessageRecord } from './model.js';

export function presentMessage(m: MessageRecord): Message {
  return {
    id: String(m._id),
    conversationId: String(m.conversationId),
    seq: m.seq,
    senderId: String(m.senderId),
    body: m.body,
    clientId: m.clientId,
    createdAt: m.createdAt.toISOString(),
  };
}

/** What a conversation looks like to one viewer, gathered by the service. */
export interface ConversationView {
  counterparts: Counterpart[];
  lastMessage?: MessageRecord;
  unreadCount: number;
  online: string[];
  reads: Conversation['reads'];
}

export function presentConversation(c: ConversationRecord, view: ConversationView): Conversation {
  return {
    id: String(c._id),
    kind: c.kind,
    ...(c.matchId ? { matchId: String(c.matchId) } : {}),
    counterparts: view.counterparts,
    memberUserIds: (c.memberUserIds ?? []).map(String),
    organizationIds: (c.organizationIds ?? []).map(String),
    ...(c.baseId ? { baseId: String(c.baseId) } : {}),
    lastSeq: c.lastSeq ?? 0,
    ...(view.lastMessage ? { lastMessage: presentMessage(view.lastMessage) } : {}),
    unreadCount: view.unreadCount,
    online: view.online,
    reads: view.reads,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
