import type { OnlineUser, PresencePort } from '../context.js';
import { CONVERSATION_PREFIX, rooms } from './rooms.js';
import type { RealtimeServer, RealtimeSocket } from './types.js';

/** Presence read from the sockets themselves, across every process (the adapter answers fetchSockets). */
export function presencePort(io: RealtimeServer): PresencePort {
  return {
    async onlineInConversations(conversationIds) {
      const result = new Map<string, OnlineUser[]>();
      if (!conversationIds.length) return result;
      const wanted = new Set(conversationIds.map(rooms.conversation));
      for (const socket of await io.in([...wanted]).fetchSockets()) {
        for (const room of socket.rooms) {
          if (!wanted.has(room)) continue;
          const id = room.slice(CONVERSATION_PREFIX.length);
          result.set(id, [...(result.get(id) ?? []), socket.data]);
        }
      }
      return result;
    },

    async onlineUsers(userIds) {
      if (!userIds.length) return new Set();
      const sockets = await io.in(userIds.map(rooms.user)).fetchSockets();
      return new Set(sockets.map((s) => s.data.id));
    },
  };
}

const conversationRoomsOf = (socket: RealtimeSocket) =>
  [...socket.rooms].filter((room) => room.startsWith(CONVERSATION_PREFIX));

/**
 * Tells the other members of a user's conversations when the user comes online, and when their last socket
 * closes that they went offline.
 */
export function announcePresence(io: RealtimeServer, socket: RealtimeSocket, isClosing: () => boolean): void {
  const userId = socket.data.id;
  const announce = (conversationRooms: string[], online: boolean) => {
    for (const room of conversationRooms) {
      const conversationId = room.slice(CONVERSATION_PREFIX.length);
      io.to(room).except(rooms.user(userId)).emit('presence', { conversationId, userId, online });
    }
  };
  announce(conversationRoomsOf(socket), true);

  let joined: string[] = [];
  socket.on('disconnecting', () => {
    joined = conversationRoomsOf(socket);
  });
  socket.on('disconnect', async () => {
    if (isClosing()) return;
    try {
      const remaining = await io.in(rooms.user(userId)).fetchSockets();
      // The server may have begun closing while the other processes answered.
      if (remaining.length === 0 && !isClosing()) announce(joined, false);
    } catch {
      // Another process did not answer in time: presence is best effort; the next connection corrects it.
    }
  });
}
