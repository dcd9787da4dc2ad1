import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.js';
import { readAddress } from '../../src/db/embedded/durability/address.js';
import { EMBEDDED_DB_NAME } from '../../src/db/index.js';
import {
  buildOrganization,
  buildUser,
  login,
  postListing,
  sampleOffer,
  TEST_PASSWORD,
} from '../factories.js';
import { TestClient } from '../harness.js';
import { startServerProcess, type ServerProcess } from '../../../scripts/lib/serverProcess.js';
import { workersAnsweringWithin } from './processes.js';

// Each worker of WORKERS=2 keeps the sessions, users and organizations its requests read for a moment: a write through one worker
// must reach the other's next request (the forget travels through the cluster adapter).
let dataDir: string;
let server: ServerProcess;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'rl-recent-'));
  // Three processes start under tsx: slow on a busy machine.
  server = await startServerProcess({
    env: { WORKERS: '2', TRUST_PROXY: 'true' },
    dataDir,
    output: 'inherit',
    timeoutMs: 150_000,
  });
  // Both workers listening: health answers once the first does.
  const workers = await workersAnsweringWithin(server.url, 30_000);
  if (workers.size < 2) throw new Error(`only worker ${[...workers].join(', ')} answered within 30 s`);
  const engine = readAddress(path.join(dataDir, 'db'));
  if (!engine) throw new Error('the primary published no database address');
  await mongoose.connect(engine.uri, { dbName: EMBEDDED_DB_NAME, serverSelectionTimeoutMS: 10_000 });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await mongoose.disconnect();
  await rm(dataDir, { recursive: true, force: true });
});

/** GET /api/auth/me until both workers have answered it (each call is a connection of its own). */
async function meOnBothWorkers(client: TestClient): Promise<Map<string, unknown>> {
  const byWorker = new Map<string, unknown>();
  for (let i = 0; i < 20 && byWorker.size < 2; i++) {
    const res = await client.get('/api/auth/me');
    expect(res.status).toBe(200);
    byWorker.set(String(res.headers['x-worker']), (res.body.user as { name: string } | null)?.name ?? null);
  }
  expect([...byWorker.keys()].sort()).toEqual(['1', '2']);
  return byWorker;
}

describe('WORKERS=2: the session and user each request reads', () => {
  it('are forgotten by both workers when one of them changes the user or ends the session', async () => {
    const user = await buildUser({ name: '两个进程' });
    const asServer = { url: server.url } as RunningServer;
    const laptop = new TestClient(asServer);
    const phone = new TestClient(asServer);
    await login(laptop, user.email);
    await login(phone, user.email);
    // Both workers have read (and kept) the phone's session and user.
    expect([...(await meOnBothWorkers(phone)).values()]).toEqual(['两个进程', '两个进程']);

    const renamed = await laptop.patch('/api/auth/me', { name: '改过的名字' });
    expect(renamed.status).toBe(200);
    expect([...(await meOnBothWorkers(phone)).values()]).toEqual(['改过的名字', '改过的名字']);

    const changed = await laptop.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a password for both workers',
    });
    expect(changed.status).toBe(200);
    expect([...(await meOnBothWorkers(phone)).values()]).toEqual([null, null]);
    expect([...(await meOnBothWorkers(laptop)).values()]).toEqual(['改过的名字', '改过的名字']);

    expect((await laptop.post('/api/auth/logout')).status).toBe(204);
    expect([...(await meOnBothWorkers(laptop)).values()]).toEqual([null, null]);
  }, 60_000);
});

/** The listing's organization name as each worker shows it, until both have answered. */
async function organizationNameOnBothWorkers(client: TestClient, listingId: string) {
  const byWorker = new Map<string, unknown>();
  for (let i = 0; i < 20 && byWorker.size < 2; i++) {
    const res = await client.get(`/api/listings/${listingId}`);
    expect(res.status).toBe(200);
    byWorker.set(String(res.headers['x-worker']), res.body.listing.organizationName);
  }
  expect([...byWorker.keys()].sort()).toEqual(['1', '2']);
  return [...byWorker.values()];
}

describe('WORKERS=2: the organizations each request reads', () => {
  it('are forgotten by both workers when one of them renames the organization', async () => {
    const user = await buildUser({ role: 'organization' });
    const org = await buildOrganization(user, { name: '两个进程的机构' });
    const member = new TestClient({ url: server.url } as RunningServer);
    await login(member, user.email);
    const listingId = await postListing(member, sampleOffer);
    expect(await organizationNameOnBothWorkers(member, listingId)).toEqual([
      '两个进程的机构',
      '两个进程的机构',
    ]);
    const renamed = await member.patch(`/api/organizations/${org._id}`, { name: '改名后的机构' });
    expect(renamed.status).toBe(200);
    expect(await organizationNameOnBothWorkers(member, listingId)).toEqual(['改名后的机构', '改名后的机构']);
  }, 60_000);
});
