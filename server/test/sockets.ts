import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@app/shared';
import type { TestClient, TestServer } from './harness.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io client for a signed-in test client: the same session cookie, WebSocket transport. */
export function openSocket(
  server: Pick<TestServer, 'url'>,
  client: TestClient | undefined,
  options: { headers?: Record<string, string>; connect?: boolean } = {},
): ClientSocket {
  return io(server.url, {
    path: '/socket.io',
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    autoConnect: options.connect ?? true,
    extraHeaders: { ...(client ? { Cookie: client.cookieHeader() } : {}), ...options.headers },
  });
}

/** Resolves once connected, or rejects with the server's refusal. */
export function connected(socket: ClientSocket): Promise<ClientSocket> {
  if (socket.connected) return Promise.resolve(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}

/** Connects a socket for a signed-in client and waits for the connection. */
export const connectSocket = (server: Pick<TestServer, 'url'>, client: TestClient) =>
  connected(openSocket(server, client));

/** Collects every payload of one server event, in arrival order. */
export function collect<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E) {
  const items: Parameters<ServerToClientEvents[E]>[0][] = [];
  socket.on(event, ((payload: Parameters<ServerToClientEvents[E]>[0]) => items.push(payload)) as never);
  return items;
}

/** Waits until `check` holds (polling), or fails after `ms`. */
export async function until(check: () => boolean, ms = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
