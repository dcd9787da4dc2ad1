/**
 * `npm run bench -- messaging [--clients 1000] [--conversations 200] [--messages 10000] [--rate 100]`
 *
 * Send-to-receive latency of chat messages through the real server: clients connected over WebSocket, each in one
 * conversation, members taking turns to send; for every message, the time until each other member's
 * `message:new`. Measured on one server process, then on two processes with the Redis adapter (clients spread
 * over both), each beside a bare Socket.IO relay on the same setup as the baseline. The servers share one
 * database: the embedded engine in a process of its own.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose, { Types } from 'mongoose';
import { hashPassword } from '../../server/src/modules/auth/password.js';
import { UserModel } from '../../server/src/modules/users/model.js';
import { ConversationModel } from '../../server/src/modules/conversations/model.js';
import {
  startServerProcess,
  startSharedDatabase,
  type ServerProcess,
} from '../../server/test/cluster/processes.js';
import { startRedis } from '../../server/test/cluster/redisServer.js';
import { runLoad, type LoadResult, type SimulatedClient } from './messaging/load.js';
import { startNoiseProbe } from './messaging/noiseProbe.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const CLIENTS = option('clients', 1000);
const CONVERSATIONS = option('conversations', 200);
const MESSAGES = option('messages', 10_000);
const RATE = option('rate', 100);
/** Which phases to run: e1 (relay, 1 process), s1 (server, 1), e2 (relay, 2 + redis), s2 (server, 2 + redis). */
const PHASES = process.argv.includes('--phases')
  ? process.argv[process.argv.indexOf('--phases') + 1]!.split(',')
  : ['e1', 's1', 'e2', 's2'];
const PASSWORD = 'bench password 2025';
const SECRET = 'messaging-bench-secret-messaging-bench-secret';

/** The bare relay in a process of its own. */
async function startEcho(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'messaging/echoServer.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) =>
      resolve((JSON.parse(chunk.toString()) as { port: number }).port),
    );
    child.once('exit', (code) => reject(new Error(`echo server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Users and conversations, written straight into the shared database. */
async function seed() {
  const passwordHash = await hashPassword(PASSWORD);
  const users = await UserModel.insertMany(
    Array.from({ length: CLIENTS }, (_, i) => ({
      email: `bench-${i}@example.org`,
      name: `测试用户${i}`,
      role: 'resident',
      passwordHash,
    })),
  );
  const members = new Map<string, number[]>();
  const conversations = await ConversationModel.insertMany(
    Array.from({ length: CONVERSATIONS }, () => {
      const matchId = new Types.ObjectId();
      return { kind: 'match', key: `match:${matchId}`, matchId, memberUserIds: [] as Types.ObjectId[] };
    }),
  );
  const clients: SimulatedClient[] = users.map((u, i) => {
    const conversation = conversations[i % CONVERSATIONS]!;
    const id = String(conversation._id);
    members.set(id, [...(members.get(id) ?? []), i]);
    return { userId: String(u._id), conversationId: id };
  });
  for (const conversation of conversations) {
    const ids = members.get(String(conversation._id))!.map((i) => users[i]!._id);
    await ConversationModel.updateOne({ _id: conversation._id }, { $set: { memberUserIds: ids } });
  }
  return { clients, members };
}

/** Signs every user in through the API (argon2 and all), keeping each session cookie. */
async function signIn(server: ServerProcess, clients: SimulatedClient[]) {
  let next = 0;
  const worker = async () => {
    while (next < clients.length) {
      const i = next++;
      const csrf = await fetch(`${server.url}/api/auth/csrf`);
      const first = csrf.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const { token } = (await csrf.json()) as { token: string };
      const res = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: first, 'X-CSRF-Token': token },
        body: JSON.stringify({ email: `bench-${i}@example.org`, password: PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`login ${i}: ${res.status} ${await res.text()}`);
      clients[i]!.cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

type PhaseResult = LoadResult & { idle_max_late_ms: number; idle_ticks_over_50ms: number };

function row(name: string, r: PhaseResult) {
  const lost = r.expected - r.deliveries;
  console.log(
    `${name.padEnd(34)} p50 ${String(r.p50_ms).padStart(7)} ms   p95 ${String(r.p95_ms).padStart(7)} ms   p99 ${String(
      r.p99_ms,
    ).padStart(
      7,
    )} ms   max ${String(r.max_ms).padStart(7)} ms   ack p50 ${r.ack_p50_ms} ms   delivered ${r.deliveries}/${r.expected}${
      lost ? ` (${lost} missing)` : ''
    }${r.refused ? `, ${r.refused} refused` : ''}   sent in ${r.send_seconds} s   ` +
      `(idle process: ${r.idle_ticks_over_50ms} ticks over 50 ms late, worst ${r.idle_max_late_ms} ms)`,
  );
}

async function main() {
  console.log(
    `messaging bench: ${CLIENTS} clients in ${CONVERSATIONS} conversations, ${MESSAGES} messages at ${RATE}/s; ` +
      `${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}, Node ${process.version}`,
  );
  const [redis, database] = await Promise.all([startRedis(), startSharedDatabase()]);
  const stops: Array<() => Promise<void>> = [() => redis.stop(), () => database.stop()];
  try {
    await mongoose.connect(database.uri);
    const { clients, members } = await seed();
    const load = { clients, members, messages: MESSAGES, rate: RATE };
    const results: Record<string, PhaseResult> = {};
    const probe = startNoiseProbe();
    stops.unshift(async () => {
      probe.stop();
    });
    /** Runs one load and notes how noisy the machine was meanwhile. */
    const measured = async (run: () => Promise<LoadResult>): Promise<PhaseResult> => {
      const from = Date.now();
      const result = await run();
      return { ...result, ...probe.between(from, Date.now()) };
    };

    const serverEnv = { MONGODB_URI: database.uri, SESSION_SECRET: SECRET, LOG_LEVEL: 'warn' };
    let signedIn = false;
    /** Signs the users in once, through the first server process started (sessions live in the database). */
    const ensureSignedIn = async (server: ServerProcess) => {
      if (signedIn) return;
      const started = Date.now();
      await signIn(server, clients);
      signedIn = true;
      console.log(
        `(signed ${CLIENTS} users in through the API in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
    };

    if (PHASES.includes('e1')) {
      const echo = await startEcho({});
      results.echo_one = await measured(() =>
        runLoad({ ...load, urls: [echo.url], withSender: true, label: 'e1' }),
      );
      await echo.stop();
      row('baseline: bare Socket.IO, 1 process', results.echo_one);
    }
    if (PHASES.includes('s1')) {
      const single = await startServerProcess(serverEnv);
      await ensureSignedIn(single);
      results.one = await measured(() =>
        runLoad({ ...load, urls: [single.url], withSender: false, label: 's1' }),
      );
      await single.stop();
      row('server: 1 process', results.one);
    }
    if (PHASES.includes('e2')) {
      const echoes = await Promise.all([
        startEcho({ REDIS_URL: redis.url }),
        startEcho({ REDIS_URL: redis.url }),
      ]);
      results.echo_two = await measured(() =>
        runLoad({ ...load, urls: echoes.map((e) => e.url), withSender: true, label: 'e2' }),
      );
      await Promise.all(echoes.map((e) => e.stop()));
      row('baseline: bare Socket.IO, 2 + redis', results.echo_two);
    }
    if (PHASES.includes('s2')) {
      const clusterEnv = { ...serverEnv, REDIS_URL: redis.url };
      const pair = await Promise.all([startServerProcess(clusterEnv), startServerProcess(clusterEnv)]);
      await ensureSignedIn(pair[0]);
      results.two = await measured(() =>
        runLoad({ ...load, urls: pair.map((p) => p.url), withSender: false, label: 's2' }),
      );
      await Promise.all(pair.map((p) => p.stop()));
      row('server: 2 processes + redis', results.two);
    }

    const flat: Record<string, number | string> = {
      bench: 'messaging',
      clients: CLIENTS,
      conversations: CONVERSATIONS,
      n: MESSAGES,
      rate_per_s: RATE,
    };
    for (const [phase, r] of Object.entries(results)) {
      flat[`${phase}_p50_ms`] = r.p50_ms;
      flat[`${phase}_p99_ms`] = r.p99_ms;
      flat[`${phase}_missing`] = r.expected - r.deliveries;
      flat[`${phase}_idle_ticks_over_50ms`] = r.idle_ticks_over_50ms;
    }
    console.log(JSON.stringify(flat));
  } finally {
    await mongoose.disconnect();
    for (const stop of stops) await stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
