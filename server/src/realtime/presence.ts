import type { OnlineUser, PresencePort } from '../context.js';
import { CONVERSATION_PREFIX, rooms } from './rooms.js';
import type { RealtimeServer, RealtimeSocket } from './types.js';

/** Presence questions in flight: the adapter's connections close only once they are answered. */
const inFlight = new Set<Promise<unknown>>();

/** fetchSockets, remembered until it settles. */
function fetchSockets(io: RealtimeServer, rooms: string | string[]) {
  const asked = io.in(rooms).fetchSockets();
  inFlight.add(asked);
  void asked.catch(() => {}).finally(() => inFlight.delete(asked));
  return asked;
}

/** Resolves once every presence question asked so far is answered (or timed out). */
export async function presenceSettled(): Promise<void> {
  while (inFlight.size) await Promise.allSettled([...inFlight]);
}

/**
 * Asks for the online users among many callers' ids at once: calls within `windowMs` share one fetchSockets,
 * which across processes is a round trip through Redis (the notifier asks on every message).
 */
function batchedOnlineUsers(io: RealtimeServer, windowMs: number) {
  let batch: { ids: Set<string>; waiters: Array<(online: Set<string> | Error) => void> } | undefined;
  const flush = async () => {
    const current = batch!;
    batch = undefined;
    let answer: Set<string> | Error;
    try {
      const sockets = await fetchSockets(io, [...current.ids].map(rooms.user));
      answer = new Set(sockets.map((s) => s.data.id));
    } catch (err) {
      answer = err instanceof Error ? err : new Error(String(err));
    }
    for (const waiter of current.waiters) waiter(answer);
  };
  return (userIds: string[]) =>
    new Promise<Set<string>>((resolve, reject) => {
      if (!batch) {
        batch = { ids: new Set(), waiters: [] };
        const flushed = new Promise<void>((done) => setTimeout(() => void flush().finally(done), windowMs));
        inFlight.add(flushed);
        void flushed.finally(() => inFlight.delete(flushed));
      }
      for (const id of userIds) batch.ids.add(id);
      batch.waiters.push((answer) =>
        answer instanceof Error ? reject(answer) : resolve(new Set(userIds.filter((id) => answer.has(id)))),
      );
    });
}

/** Presence read from the sockets themselves, across every process (the adapter answers fetchSockets). */
export function presencePort(io: RealtimeServer, batchWindowMs = 0): PresencePort {
  const onlineAmong = batchedOnlineUsers(io, batchWindowMs);
  return {
    async onlineInConversations(conversationIds) {
      const result = new Map<string, OnlineUser[]>();
      if (!conversationIds.length) return result;
      const wanted = new Set(conversationIds.map(rooms.conversation));
      for (const socket of await fetchSockets(io, [...wanted])) {
        for (const room of socket.rooms) {
          if (!wanted.has(room)) continue;
          const id = room.slice(CONVERSATION_PREFIX.length);
          result.set(id, [...(result.get(id) ?? []), socket.data]);
        }
      }
      return result;
    },

    async onlineUsers(userIds) {
      return userIds.length ? onlineAmong(userIds) : new Set();
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
      const remaining = await fetchSockets(io, rooms.user(userId));
      // The server may have begun closing while the other processes answered.
      if (remaining.length === 0 && !isClosing()) announce(joined, false);
    } catch {
      // Another process did not answer in time: presence is best effort; the next connection corrects it.
    }
  });
}
