import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';

/** One simulated browser: where it connects, as whom, and in which conversation. */
export interface SimulatedClient {
  userId: string;
  conversationId: string;
  cookie?: string;
}

export interface LoadOptions {
  /** Server URLs; client j connects to urls[j % urls.length]. */
  urls: string[];
  clients: SimulatedClient[];
  /** Members of each conversation, by conversation id, in a fixed order (senders take turns). */
  members: Map<string, number[]>;
  messages: number;
  /** Messages per second, spread evenly. */
  rate: number;
  /** The baseline relays whatever it is given, so it is told the sender; the server knows it from the session. */
  withSender: boolean;
  label: string;
}

export interface LoadResult {
  deliveries: number;
  expected: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
  ack_p50_ms: number;
  ack_p99_ms: number;
  refused: number;
  send_seconds: number;
}

export function percentile(sorted: Float64Array, p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, i)]! * 100) / 100;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Connects every client (in batches, as a crowd arriving), resolving once all are connected. */
async function connectAll(options: LoadOptions): Promise<Socket[]> {
  const sockets: Socket[] = [];
  const BATCH = 50;
  for (let start = 0; start < options.clients.length; start += BATCH) {
    const batch = options.clients.slice(start, start + BATCH).map((client, k) => {
      const j = start + k;
      const socket = io(options.urls[j % options.urls.length]!, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        query: options.withSender ? { room: client.conversationId } : {},
        extraHeaders: client.cookie ? { Cookie: client.cookie } : {},
      });
      sockets.push(socket);
      return new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (err) => reject(new Error(`client ${j}: ${err.message}`)));
      });
    });
    await Promise.all(batch);
  }
  return sockets;
}

/**
 * Sends `messages` at `rate` per second, each from the next member of the next conversation in turn, and
 * measures, for every other member, the time from the send to its `message:new`.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const sockets = await connectAll(options);
  const conversationIds = [...options.members.keys()];
  const sentAt = new Map<string, number>();
  const slow = new Map<number, number>();
  let began = performance.now();
  const latencies = new Float64Array(options.messages * 8);
  let deliveries = 0;
  const ackTimes: number[] = [];
  let refused = 0;

  sockets.forEach((socket, j) => {
    const me = options.clients[j]!.userId;
    socket.on('message:new', ({ message }: { message: { senderId: string; clientId: string } }) => {
      if (message.senderId === me) return;
      const start = sentAt.get(message.clientId);
      if (start === undefined) return;
      if (deliveries < latencies.length) latencies[deliveries] = performance.now() - start;
      if (process.env.BENCH_TIMELINE && performance.now() - start > 100)
        slow.set(Math.floor((start - began) / 1000), (slow.get(Math.floor((start - began) / 1000)) ?? 0) + 1);
      deliveries++;
    });
  });
  await sleep(500); // let the connection burst settle
  // Warm-up, not measured: one message in every conversation, so caches and compiled code are warm on both sides.
  await Promise.all(
    conversationIds.map((conversationId) => {
      const sender = options.members.get(conversationId)![0]!;
      const payload = {
        conversationId,
        body: '预热',
        clientId: `warmup-${options.label}-${conversationId}`,
        ...(options.withSender ? { senderId: options.clients[sender]!.userId } : {}),
      };
      return new Promise((resolve) => sockets[sender]!.emit('message:send', payload, resolve));
    }),
  );
  await sleep(500);

  began = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(
        options.messages,
        Math.floor(((performance.now() - began) / 1000) * options.rate) + 1,
      );
      for (; next < due; next++) {
        const conversationId = conversationIds[next % conversationIds.length]!;
        const members = options.members.get(conversationId)!;
        const sender = members[Math.floor(next / conversationIds.length) % members.length]!;
        const clientId = `bench-${options.label}-${String(next).padStart(6, '0')}`;
        const payload = {
          conversationId,
          body: `基准测试消息 ${next}：社区助餐点本周六需要两名志愿者`,
          clientId,
          ...(options.withSender ? { senderId: options.clients[sender]!.userId } : {}),
        };
        const start = performance.now();
        sentAt.set(clientId, start);
        sockets[sender]!.emit('message:send', payload, (ack: { ok: boolean; error?: { code: string } }) => {
          if (ack.ok) ackTimes.push(performance.now() - start);
          else if (refused++ === 0) console.error(`first refusal (${options.label}):`, ack.error);
        });
      }
      if (next >= options.messages) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  const sendSeconds = (performance.now() - began) / 1000;
  let expected = 0;
  for (let i = 0; i < options.messages; i++)
    expected += options.members.get(conversationIds[i % conversationIds.length]!)!.length - 1;
  const deadline = performance.now() + 30_000;
  while (deliveries < expected && performance.now() < deadline) await sleep(50);
  for (const socket of sockets) socket.disconnect();
  if (process.env.BENCH_TIMELINE)
    console.log('deliveries over 100 ms, by second sent:', Object.fromEntries(slow));

  const sorted = latencies.slice(0, Math.min(deliveries, latencies.length)).sort();
  const acks = Float64Array.from(ackTimes).sort();
  return {
    deliveries,
    expected,
    p50_ms: percentile(sorted, 50),
    p95_ms: percentile(sorted, 95),
    p99_ms: percentile(sorted, 99),
    max_ms: percentile(sorted, 100),
    ack_p50_ms: percentile(acks, 50),
    ack_p99_ms: percentile(acks, 99),
    refused,
    send_seconds: Math.round(sendSeconds * 10) / 10,
  };
}
