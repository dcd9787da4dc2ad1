/**
 * What the HTTP benchmarks share: generated data stored in a fresh data directory (the seeded generator, as the
 * demo and `npm run seed` use it), and the real server started on it in a child process.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedEngine } from '../../../server/src/db/embedded/index.js';
import { loadDataset } from '../../../server/src/seed/loadDataset.js';
import {
  countsForListings,
  generateDataset,
  type Dataset,
} from '../../../server/src/seed/generate/generate.js';
import { startServerProcess, treeCpuMs } from '../load/serverProcess.js';

/**
 * A data directory holding `listings` generated listings; `withDatabase` runs while the engine is open on it;
 * `onProgress` hears of each stage of the load (and each batch stored).
 */
export async function prepareData(
  listings: number,
  withDatabase?: (data: Dataset) => Promise<void>,
  onProgress?: (stage: string, done: number, total: number) => void,
): Promise<{ dir: string; data: Dataset; loadMs: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rl-bench-'));
  onProgress?.('generating', 0, listings);
  const data = generateDataset({ seed: 'bench', ...countsForListings(listings), now: new Date() });
  const engine = await startEmbeddedEngine({ dataDir: path.join(dir, 'db') });
  await mongoose.connect(engine.uri, { dbName: 'resourcelink' });
  const t0 = performance.now();
  await loadDataset(data, onProgress);
  const loadMs = performance.now() - t0;
  await withDatabase?.(data);
  await mongoose.disconnect();
  await engine.close();
  return { dir, data, loadMs };
}

export interface BenchServer {
  url: string;
  pid: number;
  startMs: number;
  /** Resident set size of the server process, in MiB. */
  rssMb(): number;
  /**
   * Resolves once the server has settled after its start: a quarter second in which its processes used under 5 %
   * of a core (the database's deferred indexes are built, the search snapshot written). Returns the ms waited.
   */
  settled(timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

const SETTLE_WINDOW_MS = 250;
const SETTLED_CPU_SHARE = 0.05;

/**
 * Starts `server/src/main.ts` on the directory (through the load benchmark's launcher) with the search rate limit
 * off, and waits until /api/health answers.
 */
export async function startBenchServer(dir: string, env: NodeJS.ProcessEnv = {}): Promise<BenchServer> {
  const server = await startServerProcess(dir, {
    env: { SEARCH_RATE_LIMIT: '0', LOG_LEVEL: 'warn', ...env },
  });
  const pid = server.child.pid!;
  return {
    url: server.url,
    pid,
    startMs: server.startMs,
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    async settled(timeoutMs = 120_000) {
      const from = performance.now();
      let before = treeCpuMs(pid);
      while (before !== undefined && performance.now() - from < timeoutMs) {
        await new Promise((resolve) => setTimeout(resolve, SETTLE_WINDOW_MS));
        const now = treeCpuMs(pid);
        if (now === undefined || now - before < SETTLE_WINDOW_MS * SETTLED_CPU_SHARE) break;
        before = now;
      }
      return Math.round(performance.now() - from);
    },
    stop: () => server.stop(),
  };
}

export function removeData(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * A small offer a benchmark posts and then searches for: `token` (a word no generated listing holds) leads its
 * title and description, so a search for it finds exactly this listing.
 */
export function taggedOffer(token: string) {
  return {
    side: 'offer',
    kind: 'service',
    subkind: 'training',
    title: `${token}财务培训`,
    description: `${token} 为社会组织提供财务制度培训。`,
    domains: ['community-governance'],
    district: '310104',
  };
}

/** A signed-in HTTP session (cookie and CSRF token) for benchmarks. */
export async function signIn(url: string, email: string, password: string) {
  let cookie = '';
  const keep = (res: Response) => {
    const set = res.headers.getSetCookie?.() ?? [];
    for (const c of set) if (c.startsWith('rl.sid=')) cookie = c.split(';')[0]!;
  };
  const csrf = async () => {
    const res = await fetch(`${url}/api/auth/csrf`, { headers: { cookie } });
    keep(res);
    return ((await res.json()) as { token: string }).token;
  };
  let token = await csrf();
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie },
    body: JSON.stringify({ email, password }),
  });
  keep(login);
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  token = await csrf();
  return {
    post: async (p: string, body: unknown) => {
      const res = await fetch(`${url}${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    get: async (p: string) => {
      const res = await fetch(`${url}${p}`, { headers: { cookie } });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    /** Any answer (a download too), read to its end. */
    raw: async (p: string) => {
      const res = await fetch(`${url}${p}`, { headers: { cookie } });
      return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
    },
  };
}
