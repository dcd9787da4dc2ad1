import mongoose, { Types } from 'mongoose';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeMessages, type Message, type MessageSendAck } from '@app/shared';
import type { RunningServer } from '../../src/server.js';
import { MessageModel } from '../../src/modules/conversations/model.js';
import { openMatchConversation } from '../../src/modules/conversations/opening.js';
import { buildTestContext } from '../context.js';
import { buildUser, login } from '../factories.js';
import { TestClient } from '../harness.js';
import { collect, connectSocket, until, type ClientSocket } from '../sockets.js';
import { startFailoverProxy, type FailoverProxy } from './failoverProxy.js';
import {
  startSharedDatabase,
  startServerProcess,
  type ChildHandle,
  type ServerProcess,
} from './processes.js';
import { startRedis, type RunningRedis } from './redisServer.js';

// Two server processes on one redis-server and one database (the embedded engine in a third process).
let redis: RunningRedis;
let database: ChildHandle & { uri: string };
let serverA: ServerProcess;
let serverB: ServerProcess;
let proxy: FailoverProxy | undefined;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  [redis, database] = await Promise.all([startRedis(), startSharedDatabase()]);
  const env = {
    MONGODB_URI: database.uri,
    REDIS_URL: redis.url,
    // Both processes sign session cookies with one secret, as behind a load balancer.
    SESSION_SECRET: 'cluster-test-secret-cluster-test-secret',
    // The test clients present addresses (X-Forwarded-For) as a proxy would.
    TRUST_PROXY: 'true',
  };
  [serverA, serverB] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  await mongoose.connect(database.uri, { serverSelectionTimeoutMS: 10_000 });
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await proxy?.close();
  await Promise.all([serverA?.stop(), serverB?.stop()]);
  await mongoose.disconnect();
  await Promise.all([database?.stop(), redis?.stop()]);
});

const asServer = (p: ServerProcess) => ({ url: p.url }) as RunningServer;

/** A user of the shared database, signed in through one of the processes. */
async function signedInAt(target: ServerProcess) {
  const user = await buildUser();
  const client = new TestClient(asServer(target));
  await login(client, user.email);
  return { user, client };
}

async function conversationOf(...users: { _id: Types.ObjectId }[]) {
  const conversation = await openMatchConversation(buildTestContext(), {
    matchId: String(new Types.ObjectId()),
    memberUserIds: users.map((u) => String(u._id)),
  });
  return String(conversation._id);
}

describe('two server processes with the redis adapter', () => {
  it('both report redis as their realtime engine', async () => {
    for (const server of [serverA, serverB]) {
      const health = (await (await fetch(`${server.url}/api/health`)).json()) as { realtime: string };
      expect(health.realtime).toBe('redis');
    }
  });

  it('delivers messages both ways between clients on different processes, with presence across them', async () => {
    const one = await signedInAt(serverA);
    const two = await signedInAt(serverB);
    const conversationId = await conversationOf(one.user, two.user);
    const [s1, s2] = await Promise.all([
      connectSocket(asServer(serverA), one.client),
      connectSocket(asServer(serverB), two.client),
    ]);
    sockets.push(s1, s2);
    const at1 = collect(s1, 'message:new');
    const at2 = collect(s2, 'message:new');
    const typingAt1 = collect(s1, 'typing');
    const send = (s: ClientSocket, body: string, clientId: string) =>
      s
        .timeout(5_000)
        .emitWithAck('message:send', { conversationId, body, clientId }) as Promise<MessageSendAck>;

    const first = await send(s1, '从一号进程发出', `a-${conversationId}`);
    const second = await send(s2, '从二号进程回复', `b-${conversationId}`);
    expect(first.ok && second.ok).toBe(true);
    await until(() => at1.length === 2 && at2.length === 2, 10_000, 'both messages on both sides');
    expect(at2.map((e) => e.message.body)).toEqual(['从一号进程发出', '从二号进程回复']);
    expect(at1.map((e) => e.message.seq)).toEqual([1, 2]);

    expect(await s2.timeout(5_000).emitWithAck('typing', { conversationId })).toEqual({ ok: true });
    await until(() => typingAt1.length === 1, 10_000, 'typing across processes');
    // Presence is read from the sockets of every process: two is connected to B, asked through A.
    const listed = await one.client.get('/api/conversations');
    expect(listed.body.items.find((c: { id: string }) => c.id === conversationId).online).toEqual([
      String(two.user._id),
    ]);
  });

  it('loses no acknowledged message when the process a client streams through is killed', async () => {
    const sender = await signedInAt(serverA);
    const receiver = await signedInAt(serverB);
    const conversationId = await conversationOf(sender.user, receiver.user);
    proxy = await startFailoverProxy([serverA.port, serverB.port]);

    const inbox = await connectSocket(asServer(serverB), receiver.client);
    sockets.push(inbox);
    const received = collect(inbox, 'message:new');

    // The client's delivery: acknowledgement timeout and retries, one message at a time, resent after reconnecting.
    const stream: ClientSocket = io(proxy.url, {
      transports: ['websocket'],
      forceNew: true,
      extraHeaders: { Cookie: sender.client.cookieHeader() },
      ackTimeout: 3_000,
      retries: 50,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
    });
    sockets.push(stream);
    await until(() => stream.connected, 10_000, 'the streaming client to connect');
    let reconnects = 0;
    stream.io.on('reconnect', () => reconnects++);

    const TOTAL = 500;
    const KILL_AFTER = 150;
    const acked = new Map<string, Message>();
    let ackedAtKill = -1;
    /** Sends until acknowledged: the socket resends after a timeout or a reconnection; rate_limited waits. */
    async function deliver(i: number) {
      const clientId = `stream-${i}-${conversationId}`;
      for (;;) {
        const ack = (await stream.emitWithAck('message:send', {
          conversationId,
          body: `第 ${i} 条`,
          clientId,
        })) as MessageSendAck;
        if (ack.ok) return ack.message;
        if (ack.error.code !== 'rate_limited')
          throw new Error(`refused: ${ack.error.code} ${ack.error.message}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    const done = (async () => {
      for (let i = 0; i < TOTAL; i++) {
        const message = await deliver(i);
        acked.set(message.clientId, message);
        if (acked.size === KILL_AFTER) {
          ackedAtKill = acked.size;
          serverA.child.kill('SIGKILL');
        }
      }
    })();
    await done;
    await serverA.exited;
    expect(serverA.child.signalCode).toBe('SIGKILL');
    expect(ackedAtKill).toBe(KILL_AFTER);
    expect(reconnects).toBeGreaterThanOrEqual(1);
    expect(acked.size).toBe(TOTAL);

    // Stored once each, in one unbroken sequence.
    const stored = await MessageModel.find({ conversationId }).sort({ seq: 1 }).lean();
    expect(stored).toHaveLength(TOTAL);
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    for (const [clientId, message] of acked) {
      expect(stored.filter((m) => m.clientId === clientId).map((m) => String(m._id))).toEqual([message.id]);
    }

    // Delivered live to the other side, first arrivals in storage order (a resent one may arrive twice).
    await until(
      () => new Set(received.map((e) => e.message.id)).size === TOTAL,
      20_000,
      'every message at B',
    );
    const firstArrivals = mergeMessages([], []);
    const seen = new Set<string>();
    for (const { message } of received) {
      if (seen.has(message.id)) continue;
      seen.add(message.id);
      firstArrivals.push(message);
    }
    expect(firstArrivals.map((m) => m.seq)).toEqual(stored.map((m) => m.seq));
    expect(
      mergeMessages(
        [],
        received.map((e) => e.message),
      ).map((m) => m.id),
    ).toEqual(stored.map((m) => String(m._id)));
  }, 120_000);
});
