import type { Message } from '@app/shared';

declare module '../../lib/events.js' {
  interface DomainEventMap {
    /** A conversation was opened, or members were added to it; members' sockets join its room. */
    'conversation.opened': { conversationId: string };
    /**
     * A message was stored. `duplicate` is a retry that found the message already stored: it is announced again
     * (the first announcement may have died with its process) but nobody is notified twice.
     */
    'message.created': { message: Message; duplicate: boolean };
    /** A member read a conversation up to a message (a read receipt). */
    'message.read': { conversationId: string; userId: string; upTo: string; seq: number };
    /** A member is typing: nothing is stored. */
    'conversation.typing': { conversationId: string; userId: string };
  }
}
export {};
