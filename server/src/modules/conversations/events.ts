import type { Message } from '@app/shared';

/** Who belongs to a conversation, as stored: users in person, organizations' members, a base's operators. */
export interface ConversationMembership {
  memberUserIds: string[];
  organizationIds: string[];
  baseId?: string;
}

declare module '../../lib/events.js' {
  interface DomainEventMap {
    /** A conversation was opened, or members were added to it; members' sockets join its room. */
    'conversation.opened': { conversationId: string };
    /**
     * A message was stored. `duplicate` is a retry that found the message already stored: it is announced again
     * (the first announcement may have died with its process) but nobody is notified twice.
     */
    'message.created': { message: Message; duplicate: boolean; membership: ConversationMembership };
    /** A member read a conversation up to a message (a read receipt). */
    'message.read': { conversationId: string; userId: string; upTo: string; seq: number };
    /** A member is typing: nothing is stored. */
    'conversation.typing': { conversationId: string; userId: string };
  }
}
export {};
