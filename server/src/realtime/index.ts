import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { AppContext } from '../context.js';
import { sessionParts } from '../modules/auth/session.js';
import type { UserRecord } from '../modules/users/model.js';
import { chooseAdapter, type AdapterChoice } from './adapter.js';
import { authenticateSocket, originAllowed, sessionOnHandshake } from './handshake.js';
import { registerHandlers } from './handlers.js';
import { announcePresence, presencePort, presenceSettled } from './presence.js';
import { listenToOtherProcesses, subscribeRealtime, tellOtherProcesses } from './subscribers.js';
import type { RealtimeServer } from './types.js';

/** Largest socket frame accepted: a 4000-character message fits many times; anything beyond closes the socket. */
const MAX_FRAME_BYTES = 64 * 1024;

export interface Realtime {
  io: RealtimeServer;
  kind: AdapterChoice['kind'];
  /** Disconnects every socket of this process and accepts no more. */
  close(): void;
  /** Stops listening to domain events and closes the adapter's connections: after the last events settled. */
  dispose(): Promise<void>;
}

/**
 * Socket.IO on the HTTP server's origin (path /socket.io): authenticated by the session cookie. In a worker of
 * `WORKERS=n` (`cluster`) it takes WebSocket connections only: a WebSocket session lives on the one connection
 * node:cluster gave this worker, whereas the requests of a long-polling session could reach any worker, which
 * would not know it. The client connects by WebSocket first (client/src/api/socket.ts).
 */
export async function attachRealtime(
  ctx: AppContext,
  http: HttpServer,
  options: { cluster?: boolean } = {},
): Promise<Realtime> {
  const adapter = await chooseAdapter(ctx.config.REDIS_URL, ctx.logger, options);
  const allowlist = ctx.config.CORS_ORIGINS;
  const io: RealtimeServer = new Server(http, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: MAX_FRAME_BYTES,
    allowRequest: originAllowed(allowlist),
    ...(options.cluster ? { transports: ['websocket' as const] } : {}),
    ...(allowlist.length ? { cors: { origin: allowlist, credentials: true } } : {}),
    ...(adapter.adapter ? { adapter: adapter.adapter } : {}),
  });
  io.engine.use(sessionOnHandshake(sessionParts(ctx).middleware));

  const users = new WeakMap<Socket, UserRecord>();
  let closing = false;
  io.use(authenticateSocket(ctx, users));
  io.on('connection', (socket) => {
    registerHandlers(ctx, socket, users.get(socket)!);
    announcePresence(io, socket, () => closing);
  });

  const manyProcesses = adapter.kind !== 'memory';
  const unsubscribe = subscribeRealtime(ctx, io, manyProcesses);
  listenToOtherProcesses(io);
  if (manyProcesses) unsubscribe.push(...tellOtherProcesses(io));
  // Across processes, presence questions asked within 25 ms share one round trip.
  ctx.presence = presencePort(io, manyProcesses ? 25 : 0);

  return {
    io,
    kind: adapter.kind,
    close() {
      closing = true;
      io.local.disconnectSockets(true);
      // io.close() would also close the HTTP server, which the server's own shutdown does.
      io.engine.close();
    },
    async dispose() {
      for (const off of unsubscribe) off();
      delete ctx.presence;
      await presenceSettled();
      await adapter.close();
    },
  };
}
