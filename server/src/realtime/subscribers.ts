import type { AppContext } from '../context.js';
import { ConversationModel, type ConversationRecord } from '../modules/conversations/model.js';
import { forgetConversation } from '../modules/conversations/recent.js';
import { forgetFromElsewhere, recentlyReadCaches } from '../lib/recentlyRead.js';
import '../modules/auth/events.js';
import '../modules/conversations/events.js';
import '../modules/notifications/events.js';
import '../modules/organizations/events.js';
import { rooms } from './rooms.js';
import type { RealtimeServer } from './types.js';

/** Every room whose sockets belong to members of a conversation. */
function memberRooms(c: ConversationRecord): string[] {
  return [
    ...(c.memberUserIds ?? []).map((id) => rooms.user(String(id))),
    ...(c.organizationIds ?? []).map((id) => rooms.org(String(id))),
    ...(c.baseId ? [rooms.base(String(c.baseId))] : []),
  ];
}

/** Other processes tell of conversations whose membership changed, and of sessions and users written. */
export function listenToOtherProcesses(io: RealtimeServer): void {
  io.on('conversation:changed', (conversationId) => forgetConversation(conversationId));
  io.on('recent:forget', (cache, forgetting) => forgetFromElsewhere(cache, forgetting));
}

/**
 * Tells the other processes of every record this one forgets from its recent reads (sessions, users), so that
 * none keeps a session ended or a user changed here. Returns the unsubscribers.
 */
export function tellOtherProcesses(io: RealtimeServer): Array<() => void> {
  return [...recentlyReadCaches().values()].map((cache) =>
    cache.onForget((forgetting) => io.serverSideEmit('recent:forget', cache.name, forgetting)),
  );
}

/**
 * Domain events become socket emits; this is the only place that emits to rooms. Emits to a room reach every
 * process through the adapter. Returns the unsubscribers.
 */
export function subscribeRealtime(
  ctx: AppContext,
  io: RealtimeServer,
  manyProcesses: boolean,
): Array<() => void> {
  const { events } = ctx;
  const disconnectUser = ({ userId }: { userId: string }) => {
    io.in(rooms.user(userId)).disconnectSockets(true);
  };
  return [
    events.on('message.created', ({ message }) => {
      io.to(rooms.conversation(message.conversationId)).emit('message:new', { message });
    }),
    events.on('message.read', ({ conversationId, userId, upTo }) => {
      io.to(rooms.conversation(conversationId)).emit('message:read', { conversationId, userId, upTo });
    }),
    events.on('conversation.typing', ({ conversationId, userId }) => {
      io.to(rooms.conversation(conversationId))
        .except(rooms.user(userId))
        .emit('typing', { conversationId, userId });
    }),
    events.on('notification.created', ({ userId, notification }) => {
      io.to(rooms.user(userId)).emit('notification', notification);
    }),
    events.on('conversation.opened', async ({ conversationId }) => {
      if (manyProcesses) io.serverSideEmit('conversation:changed', conversationId);
      const conversation = await ConversationModel.findById(conversationId).lean<ConversationRecord>();
      if (!conversation) return;
      const targets = memberRooms(conversation);
      io.in(targets).socketsJoin(rooms.conversation(conversationId));
      io.to(targets).emit('conversation:opened', { conversationId });
    }),
    // Access changed: the sockets go; a client with a still valid session reconnects with its new rights.
    events.on('auth.loggedOut', disconnectUser),
    events.on('auth.passwordChanged', disconnectUser),
    events.on('organization.memberJoined', disconnectUser),
  ];
}
