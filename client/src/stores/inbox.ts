import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Conversation, Message } from '@app/shared';
import { fetchConversations } from '@/api/conversations.js';

/** The conversation list with unread counts, kept current by `message:new` while the user is signed in. */
export const useInboxStore = defineStore('inbox', () => {
  const items = ref<Conversation[]>([]);
  const loaded = ref(false);
  /** The conversation on screen: its new messages are read as they arrive. */
  const openId = ref<string | null>(null);

  const totalUnread = computed(() => items.value.reduce((sum, c) => sum + c.unreadCount, 0));

  async function load(): Promise<void> {
    try {
      items.value = (await fetchConversations()).items;
    } finally {
      loaded.value = true;
    }
  }

  /** A message arrived live: the conversation moves to the top, and counts as unread unless on screen. */
  function receive(message: Message, myId: string | undefined): void {
    const index = items.value.findIndex((c) => c.id === message.conversationId);
    if (index < 0) {
      void load(); // a conversation opened meanwhile
      return;
    }
    const conversation = items.value[index]!;
    if (conversation.lastMessage && conversation.lastMessage.seq >= message.seq) return;
    const unread =
      message.senderId !== myId && openId.value !== message.conversationId
        ? conversation.unreadCount + 1
        : conversation.unreadCount;
    const updated = { ...conversation, lastMessage: message, lastSeq: message.seq, unreadCount: unread };
    items.value = [updated, ...items.value.filter((_, i) => i !== index)];
  }

  function markSeen(conversationId: string): void {
    const conversation = items.value.find((c) => c.id === conversationId);
    if (conversation) conversation.unreadCount = 0;
  }

  function byMatch(matchId: string): Conversation | undefined {
    return items.value.find((c) => c.matchId === matchId);
  }

  function reset(): void {
    items.value = [];
    loaded.value = false;
    openId.value = null;
  }

  return { items, loaded, openId, totalUnread, load, receive, markSeen, byMatch, reset };
});
