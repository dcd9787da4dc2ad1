import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Agent, request } from 'node:http';
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageSendAck } from '@app/shared';
import type { RunningServer } from '../../src/server.js';
import { readAddress } from '../../src/db/embedded/durability/address.js';
import { EMBEDDED_DB_NAME } from '../../src/db/index.js';
import { openMatchConversation } from '../../src/modules/conversations/opening.js';
import { snapshotFile } from '../../src/search/snapshots.js';
import { buildTestContext } from '../context.js';
import { buildOrganization, buildUser, login } from '../factories.js';
import { TestClient } from '../harness.js';
import { collect, connected, openSocket, until, type ClientSocket } from '../sockets.js';
import { startServerProcess, workersAnsweringWithin, type ServerProcess } from './processes.js';

// WORKERS=2 on the embedded defaults: one primary (database engine, search index) and two HTTP workers.
let dataDir: string;
let server: ServerProcess;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'rl-workers-'));
  server = await startServerProcess({ WORKERS: '2', TRUST_PROXY: 'true' }, dataDir, 150_000);
  // The test builds its accounts in the primary's database, as the other cluster tests do in theirs.
  const engine = readAddress(path.join(dataDir, 'db'));
  if (!engine) throw new Error('the primary published no database address');
  await mongoose.connect(engine.uri, { dbName: EMBEDDED_DB_NAME, serverSelectionTimeoutMS: 10_000 });
}, 180_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await server?.stop();
  await mongoose.disconnect();
  await rm(dataDir, { recursive: true, force: true });
});

const asServer = (p: ServerProcess) => ({ url: p.url }) as RunningServer;

/** The worker processes of the primary `pid`: its node children running the server (Linux /proc). */
function workersOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        // tsx's esbuild service is a child too.
        return parent === pid && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('main.');
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** One GET on `agent` (false: a connection of its own): the status, the worker and the Connection header. */
function get(path: string, agent: Agent | false) {
  return new Promise<{ status: number; worker: string; connection: string; body: string }>(
    (resolve, reject) => {
      const req = request(`${server.url}${path}`, { agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            worker: String(res.headers['x-worker'] ?? 'none'),
            connection: String(res.headers.connection ?? ''),
            body,
          }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

/** Workers that answered GET /api/health in `tries` calls (each call a connection of its own). */
async function workersAnswering(tries = 8): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < tries; i++) {
    const res = await get('/api/health', false);
    expect(res.status).toBe(200);
    seen.add(res.worker);
  }
  return seen;
}

async function provider() {
  const user = await buildUser({ role: 'organization' });
  await buildOrganization(user, { verification: { status: 'verified' } });
  const client = new TestClient(asServer(server));
  await login(client, user.email);
  return { user, client };
}

/** A socket connected to the given worker: opened again until the primary hands it to that one. */
async function socketOnWorker(client: TestClient, worker: string): Promise<ClientSocket> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const socket = openSocket(asServer(server), client, { connect: false });
    sockets.push(socket);
    socket.connect();
    const transport = (socket.io as unknown as { engine: { transport: { ws: NodeJS.EventEmitter } } }).engine
      .transport;
    const answeredBy = new Promise<string>((resolve) =>
      transport.ws.once('upgrade', (res: { headers: Record<string, string> }) =>
        resolve(res.headers['x-worker'] ?? 'none'),
      ),
    );
    await connected(socket);
    if ((await answeredBy) === worker) return socket;
    socket.disconnect();
  }
  throw new Error(`no socket reached worker ${worker}`);
}

describe('WORKERS=2', () => {
  it('starts healthy, and both workers answer with the shared engines within 30 s', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      database: 'embedded',
      search: 'embedded',
      realtime: 'cluster',
    });
    expect(await workersAnsweringWithin(server.url, 30_000)).toEqual(new Set(['1', '2']));
  });

  it('keeps a kept-alive connection on one worker, and deals new connections to both', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await get('/api/health', agent));
      expect(answers.every((a) => a.status === 200 && a.connection === 'keep-alive')).toBe(true);
      expect(new Set(answers.map((a) => a.worker)).size).toBe(1);
    } finally {
      agent.destroy();
    }
    expect(await workersAnswering(4)).toEqual(new Set(['1', '2']));
  });

  it('refuses Socket.IO long-polling, which would need sticky routing, and takes WebSocket', async () => {
    const polling = await get('/socket.io/?EIO=4&transport=polling', false);
    expect(polling.status).toBe(400);
    expect(JSON.parse(polling.body)).toMatchObject({ message: 'Transport unknown' });
    const { client } = await provider();
    const socket = openSocket(asServer(server), client);
    sockets.push(socket);
    await connected(socket);
    socket.disconnect();
  });

  it('finds a listing posted through one worker in a search on the other at once', async () => {
    const { client } = await provider();
    const posted = await client.post('/api/listings', {
      side: 'offer',
      kind: 'service',
      title: '跨进程社区理发服务',
      description: '每月一次上门为行动不便的老人理发。',
      domains: ['elderly'],
      district: '310104',
    });
    expect(posted.status).toBe(201);
    const id = posted.body.listing.id as string;
    const writer = String(posted.headers['x-worker']);
    expect(['1', '2']).toContain(writer);
    // Every search from now on finds it, whichever worker answers; go on (a connection each, dealt in turn)
    // until the other one has.
    const answeredBy = new Set<string>();
    for (let i = 0; i < 10 && !answeredBy.has(writer === '1' ? '2' : '1'); i++) {
      const res = await get(`/api/search?q=${encodeURIComponent('理发')}`, false);
      expect(res.status).toBe(200);
      expect((JSON.parse(res.body).items as { id: string }[]).map((l) => l.id)).toContain(id);
      answeredBy.add(res.worker);
    }
    expect(answeredBy).toContain(writer === '1' ? '2' : '1');
  });

  it("recommends, on either worker, an offer as its own read shows it (the candidates' listings over the RPC)", async () => {
    const [asker, giver] = [await provider(), await provider()];
    const posted = await Promise.all([
      giver.client.post('/api/listings', {
        side: 'offer',
        kind: 'service',
        title: '跨进程独居老人助餐配送',
        description: '每天中午为社区独居老人送餐上门，含"少盐"餐。',
        domains: ['elderly'],
        district: '310104',
      }),
      asker.client.post('/api/listings', {
        side: 'need',
        kind: 'service',
        title: '独居老人助餐配送',
        description: '社区里行动不便的独居老人需要每天送餐上门。',
        domains: ['elderly'],
        district: '310104',
      }),
    ]);
    expect(posted.map((p) => p.status)).toEqual([201, 201]);
    const [offerId, needId] = posted.map((p) => p.body.listing.id as string);
    const read = await get(`/api/listings/${offerId}`, false);
    expect(read.status).toBe(200);
    const shown = JSON.parse(read.body).listing;
    const answeredBy = new Set<string>();
    for (let i = 0; i < 10 && answeredBy.size < 2; i++) {
      const res = await get(`/api/listings/${needId}/matches?limit=50`, false);
      expect(res.status).toBe(200);
      const { matches } = JSON.parse(res.body) as { matches: { listing: { id: string } }[] };
      expect(matches.find((m) => m.listing.id === offerId)?.listing).toEqual(shown);
      answeredBy.add(res.worker);
    }
    expect(answeredBy).toEqual(new Set(['1', '2']));
  });

  it('delivers a message sent by a socket on one worker to a socket on the other', async () => {
    const [one, two] = [await provider(), await provider()];
    const conversation = await openMatchConversation(buildTestContext(), {
      matchId: String(new Types.ObjectId()),
      memberUserIds: [String(one.user._id), String(two.user._id)],
    });
    const conversationId = String(conversation._id);
    const s1 = await socketOnWorker(one.client, '1');
    const s2 = await socketOnWorker(two.client, '2');
    const at1 = collect(s1, 'message:new');
    const at2 = collect(s2, 'message:new');
    const ack = (await s1.timeout(5_000).emitWithAck('message:send', {
      conversationId,
      body: '从一号工作进程发出',
      clientId: `w-${conversationId}`,
    })) as MessageSendAck;
    expect(ack.ok).toBe(true);
    await until(() => at2.length === 1, 10_000, 'the message on the other worker');
    expect(at2[0]!.message.body).toBe('从一号工作进程发出');

    // A burst from both sides at once: every message reaches both workers' sockets, each once.
    const burst = (socket: ClientSocket, from: string) =>
      Promise.all(
        Array.from({ length: 15 }, (_, i) =>
          socket.timeout(10_000).emitWithAck('message:send', {
            conversationId,
            body: `${from}-${i}`,
            clientId: `burst-${from}-${i}`,
          }),
        ),
      );
    const acks = (await Promise.all([burst(s1, 'one'), burst(s2, 'two')])).flat() as MessageSendAck[];
    expect(acks.filter((a) => !a.ok)).toEqual([]);
    await until(() => at1.length >= 31 && at2.length >= 31, 15_000, 'every message on both workers');
    // Sent at once, they may be emitted out of order (the client merges by seq); none is missing or doubled.
    const first = at2[0]!.message.seq;
    for (const seen of [at1, at2]) {
      const seqs = seen.map((m) => m.message.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 31 }, (_, i) => first + i));
    }
    const sent = ['one', 'two'].flatMap((from) => Array.from({ length: 15 }, (_, i) => `${from}-${i}`));
    for (const seen of [at1, at2]) {
      expect(seen).toHaveLength(31);
      expect(
        seen
          .slice(1)
          .map((m) => m.message.body)
          .sort(),
      ).toEqual(sent.sort());
    }
  });

  it('replaces a worker that was killed', async () => {
    const before = workersOf(server.child.pid!);
    expect(before).toHaveLength(2);
    process.kill(before[0]!, 'SIGKILL');
    await until(
      () => {
        const now = workersOf(server.child.pid!);
        return now.length === 2 && !now.includes(before[0]!);
      },
      30_000,
      'a new worker process',
    );
    // The new worker takes connections once it is ready; until then the other one answers.
    let both = false;
    for (let i = 0; i < 60 && !both; i++) {
      both = (await workersAnswering(4)).size === 2;
      if (!both) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(both).toBe(true);
  }, 60_000);

  it('stops every process within 10 s of SIGTERM, with the search snapshot written', async () => {
    const workers = workersOf(server.child.pid!);
    const { client } = await provider();
    const posted = await client.post('/api/listings', {
      side: 'need',
      kind: 'service',
      title: '停机前发布的助浴需求',
      description: '行动不便的老人每周需要一次上门助浴。',
      domains: ['elderly'],
      district: '310104',
    });
    expect(posted.status).toBe(201);
    for (const socket of sockets) socket.disconnect();
    const sentAt = Date.now();
    server.child.kill('SIGTERM');
    const status = await server.exited;
    expect(Date.now() - sentAt).toBeLessThan(10_000);
    expect(status.code).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
    expect(statSync(snapshotFile(dataDir)).mtimeMs).toBeGreaterThanOrEqual(sentAt - 5);
  }, 20_000);
});
