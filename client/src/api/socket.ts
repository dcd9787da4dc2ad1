import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@app/shared';

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Opens the Socket.IO connection on the same origin (path /socket.io), authenticated by the session cookie.
 * The client library is loaded only here, so a visitor who never signs in never downloads it.
 *
 * WebSocket first: the whole session then lives on one connection, so it needs no sticky routing (a server of
 * `WORKERS=n` takes WebSocket only). Long-polling is the fallback where a WebSocket cannot be opened (a proxy
 * that refuses upgrades); it works with one server process, or behind a proxy that keeps each client on one
 * process (the compose stack's nginx), not with `WORKERS=n`.
 */
export async function openSocket(): Promise<RealtimeSocket> {
  const { io } = await import('socket.io-client');
  return io({
    path: '/socket.io',
    withCredentials: true,
    reconnectionDelayMax: 5000,
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
  });
}
