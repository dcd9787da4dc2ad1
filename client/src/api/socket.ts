import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@app/shared';

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Opens the Socket.IO connection on the same origin (path /socket.io), authenticated by the session cookie.
 * The client library is loaded only here, so a visitor who never signs in never downloads it.
 */
export async function openSocket(): Promise<RealtimeSocket> {
  const { io } = await import('socket.io-client');
  return io({ path: '/socket.io', withCredentials: true, reconnectionDelayMax: 5000 });
}
