import type { SendHandle } from 'node:child_process';
import sticky from '@socket.io/sticky';
import type { Server } from 'socket.io';

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
