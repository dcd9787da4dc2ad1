/**
 * The baseline of the messaging benchmark: bare Socket.IO that relays `message:send` to the sender's room and
 * acknowledges, with no session, validation or database. With REDIS_URL it fans out through the same Redis
 * adapter as the server. Prints `{"port":...}` once listening.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';

const http = createServer();
let adapter: ReturnType<typeof createAdapter> | undefined;
if (process.env.REDIS_URL) {
  const pub = createClient({ url: process.env.REDIS_URL });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  adapter = createAdapter(pub, sub);
}
const io = new Server(http, { serveClient: false, ...(adapter ? { adapter } : {}) });
io.on('connection', (socket) => {
  const room = String(socket.handshake.query.room ?? '');
  void socket.join(room);
  socket.on('message:send', (payload: { conversationId: string }, ack?: (answer: unknown) => void) => {
    io.to(payload.conversationId).emit('message:new', { message: payload });
    ack?.({ ok: true });
  });
});
http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (http.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
