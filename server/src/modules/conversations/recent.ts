import { ConversationModel, type ConversationRecord } from './model.js';

/**
 * Conversations read in the last moments, so the events of a busy conversation read it once. Safe for
 * membership checks because membership only grows (members are added, never removed; access lost through an
 * organization is read from the user, whose sockets are closed when it changes): a stale record can only
 * refuse a member just added, never admit a stranger. Adding members forgets the record in this process and,
 * through the realtime layer, in the others.
 */
const FRESH_MS = 15_000;
const MAX_ENTRIES = 10_000;
const recent = new Map<string, { at: number; conversation: ConversationRecord }>();

export async function recentConversation(id: string): Promise<ConversationRecord | null> {
  const now = Date.now();
  const hit = recent.get(id);
  if (hit && now - hit.at < FRESH_MS) return hit.conversation;
  const conversation = await ConversationModel.findById(id).lean<ConversationRecord>();
  if (!conversation) return null;
  if (recent.size >= MAX_ENTRIES) recent.delete(recent.keys().next().value!);
  recent.delete(id);
  recent.set(id, { at: now, conversation });
  return conversation;
}

/** Forgets a conversation whose membership just changed in this process. */
export function forgetConversation(id: string): void {
  recent.delete(id);
}
