import type { SendHandle } from 'node:child_process';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import sticky from '@socket.io/sticky';
import type { Server } from 'socket.io';

/** The header naming the worker that answered, sent only in `WORKERS=n` mode (tests, and an operator's curl). */
export const WORKER_HEADER = 'X-Worker';

/** The app behind a header naming this worker. */
export function withWorkerHeader(id: number, app: RequestListener): RequestListener {
  const value = String(id);
  return (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader(WORKER_HEADER, value);
    app(req, res);
  };
}

/** Names this worker in the Socket.IO handshake and websocket upgrade answers too. */
export function nameWorkerInHandshakes(io: Server, id: number): void {
  io.engine.on('headers', (headers: Record<string, string>) => {
    headers[WORKER_HEADER] = String(id);
  });
}

type Held = [message: unknown, handle: SendHandle];

/**
 * The primary owns the listening socket and hands each connection to a worker over IPC (@socket.io/sticky: a
 * Socket.IO session stays on the worker that opened it). A worker just forked (a replacement) may be handed
 * connections before its server exists: they wait here, in order, and are replayed once it can take them.
 * Call at the very start of a worker; `release(io)` once the server is ready.
 */
export function holdConnections(): { release(io: Server): void } {
  const held: Held[] = [];
  const hold = (message: unknown, handle: SendHandle) => {
    const type = (message as { type?: unknown } | null)?.type;
    if (typeof type === 'string' && type.startsWith('sticky:')) held.push([message, handle]);
  };
  process.on('message', hold);
  return {
    release(io) {
      process.off('message', hold);
      sticky.setupWorker(io);
      for (const [message, handle] of held.splice(0)) process.emit('message', message, handle);
    },
  };
}
