import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@app/shared';
import type { OnlineUser } from '../context.js';
import type { Forgetting } from '../lib/recentlyRead.js';

/** Between server processes (through the adapter). */
export interface InterServerEvents {
  /** A conversation's membership changed: forget any copy of it. */
  'conversation:changed': (conversationId: string) => void;
  /** Records changed in another process: forget them from the recent reads of the named cache. */
  'recent:forget': (cache: string, forgetting: Forgetting) => void;
}

/** What a socket carries; serializable, since other processes read it through the adapter (fetchSockets). */
export type SocketData = OnlineUser;

export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type RealtimeSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
