/**
 * The compose stack's proxy, for real: Debian's nginx runs deploy/nginx.conf in front of two server processes on
 * one redis-server and one database, configured as docker-compose.yml configures them (behind a proxy, plain
 * http). A websocket-only client and a browser page reach the servers through it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageSendAck } from '@app/shared';
import { apiOf } from '../../../client/e2e/support/api.js';
import { launchBrowser, openPage } from '../../../client/e2e/support/browser.js';
import type { RunningServer } from '../../src/server.js';
import { openMatchConversation } from '../../src/modules/conversations/opening.js';
import { buildTestContext } from '../context.js';
import { buildUser, login, TEST_PASSWORD } from '../factories.js';
import { TestClient } from '../harness.js';
import { collect, connected, openSocket, until, type ClientSocket } from '../sockets.js';
import { startNginx, type RunningNginx } from './nginx.js';
import { repoRoot } from '../../../scripts/lib/serverProcess.js';
import {
  startServerProcess,
  startSharedDatabase,
  type ChildHandle,
  type ServerProcess,
} from './processes.js';
import { startRedis, type RunningRedis } from './redisServer.js';

let redis: RunningRedis;
let database: ChildHandle & { uri: string };
let serverA: ServerProcess;
let serverB: ServerProcess;
let nginx: RunningNginx;
let browser: Browser | undefined;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  [redis, database] = await Promise.all([startRedis(), startSharedDatabase()]);
  // As docker-compose.yml sets them: behind the proxy, and PUBLIC_HTTPS left at its default (plain http).
  const env = {
    MONGODB_URI: database.uri,
    REDIS_URL: redis.url,
    SESSION_SECRET: 'nginx-cluster-secret-nginx-cluster-secret',
    TRUST_PROXY: 'true',
  };
  [serverA, serverB] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  await mongoose.connect(database.uri, { serverSelectionTimeoutMS: 10_000 });
  nginx = await startNginx([serverA.port, serverB.port]);
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await browser?.close();
  await nginx?.stop();
  await Promise.all([serverA?.stop(), serverB?.stop()]);
  await mongoose.disconnect();
  await Promise.all([database?.stop(), redis?.stop()]);
});

const at = (url: string) => ({ url }) as RunningServer;

async function signedInAt(url: string) {
  const user = await buildUser();
  const client = new TestClient(at(url));
  await login(client, user.email);
  return { user, client };
}

/** A websocket-only client whose page came from `origin`, as a browser on that origin would open it. */
const socketFrom = (origin: string, client: TestClient) =>
  openSocket(at(origin), client, { headers: { Origin: origin } });

describe('nginx with deploy/nginx.conf in front of two servers', () => {
  it('answers the API through the proxy, and does not upgrade plain http', async () => {
    const res = await fetch(`${nginx.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      realtime: 'redis',
      searchIndex: { lagging: false },
    });
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('passes Host with its port: a websocket-only client connects, and its message reaches both processes', async () => {
    const one = await signedInAt(nginx.url);
    const two = await signedInAt(serverA.url);
    const { _id } = await openMatchConversation(buildTestContext(), {
      matchId: String(new Types.ObjectId()),
      memberUserIds: [String(one.user._id), String(two.user._id)],
    });
    const conversationId = String(_id);

    const viaProxy = await connected(socketFrom(nginx.url, one.client));
    // The other member has a socket on each process: whichever one the proxy chose, the other hears it via Redis.
    const onA = await connected(openSocket(at(serverA.url), two.client));
    const onB = await connected(openSocket(at(serverB.url), two.client));
    sockets.push(viaProxy, onA, onB);
    const [heardA, heardB] = [collect(onA, 'message:new'), collect(onB, 'message:new')];

    const ack = (await viaProxy.timeout(5_000).emitWithAck('message:send', {
      conversationId,
      body: '经代理发出',
      clientId: `nginx-${conversationId}`,
    })) as MessageSendAck;
    expect(ack.ok).toBe(true);
    await until(() => heardA.length === 1 && heardB.length === 1, 10_000, 'the message on both processes');
    expect(heardB[0]!.message.body).toBe('经代理发出');
  });

  it('would refuse that client if Host lost its port (the control: $host instead of $http_host)', async () => {
    const old = await startNginx([serverA.port, serverB.port], (conf) =>
      conf.replaceAll('$http_host', '$host'),
    );
    try {
      const { client } = await signedInAt(old.url);
      const socket = socketFrom(old.url, client);
      sockets.push(socket);
      await expect(connected(socket)).rejects.toThrow();
      // The same client through the shipped config is admitted.
      const fine = await connected(socketFrom(nginx.url, client));
      sockets.push(fine);
      expect(fine.connected).toBe(true);
    } finally {
      await old.stop();
    }
  });

  it("serves a browser page whose socket opens by websocket, and admits the page's websocket-only handshake", async () => {
    const index = path.join(repoRoot, 'client/dist/index.html');
    if (!existsSync(index))
      throw new Error('client/dist is missing: build the client first (npm run test:e2e does)');
    browser = await launchBrowser();
    const { context, page, problems } = await openPage(browser, undefined, nginx.url);
    const user = await buildUser();
    await apiOf(context).post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });

    const frames: string[] = [];
    const socketUrls: string[] = [];
    page.on('websocket', (ws) => {
      if (!ws.url().includes('/socket.io/')) return;
      socketUrls.push(ws.url());
      ws.on('framereceived', (frame) => frames.push(String(frame.payload)));
      ws.on('socketerror', (error) => problems.push(`websocket: ${error}`));
    });
    const failed: string[] = [];
    page.on('requestfailed', (req) => failed.push(req.url()));
    const res = await page.goto('/');
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).not.toContain('upgrade-insecure-requests');
    // The app's own socket opens by websocket (no long-polling first): Engine.IO's open packet, then
    // Socket.IO's connect, over the websocket through nginx.
    await until(
      () => frames.some((f) => f.startsWith('40{"sid":')),
      15_000,
      'the socket connected by websocket through nginx',
    );
    expect(frames.some((f) => f.startsWith('0{"sid":'))).toBe(true);
    expect(socketUrls[0]).toContain('transport=websocket');
    await page.waitForLoadState('networkidle');
    // A websocket-only handshake from the page: the Origin check runs on it (an upgraded session skips it).
    // (Written as page source: the server's TypeScript has no DOM types.)
    const opened = await page.evaluate<string>(`new Promise((resolve) => {
      const ws = new WebSocket('ws://' + location.host + '/socket.io/?EIO=4&transport=websocket');
      ws.onmessage = (event) => { resolve(String(event.data)); ws.close(); };
      ws.onerror = () => resolve('refused');
    })`);
    expect(opened).toMatch(/^0\{"sid":/);
    expect(failed).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
