import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import {
  repoRoot,
  startServerProcess as start,
  type ServerProcess,
} from '../../../scripts/lib/serverProcess.js';

export interface ChildHandle {
  process: ChildProcess;
  exited: Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

function handle(child: ChildProcess): ChildHandle {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Starts the embedded engine in a process of its own and resolves with its connection string. */
export async function startSharedDatabase(): Promise<ChildHandle & { uri: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/db/embedded/standalone.ts'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const uri = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the database did not start: ${output}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { uri: string }).uri);
      }
    });
    child.once('exit', (code) => reject(new Error(`the database exited with ${code}: ${output}`)));
  });
  // One database name for every process; the engine's address keeps directConnection.
  return { ...handle(child), uri: uri.replace('/?', '/resourcelink?') };
}

export type { ServerProcess } from '../../../scripts/lib/serverProcess.js';

/**
 * Starts `server/src/main.ts` (one node process, or a primary and its workers with WORKERS=n) on a fresh data
 * directory, or on `dataDir` (kept when it stops), and waits for health (up to `timeoutMs`: three processes
 * start slowly on a busy machine).
 */
export function startServerProcess(
  env: Record<string, string>,
  dataDir?: string,
  timeoutMs = 60_000,
): Promise<ServerProcess> {
  return start({ env, output: 'inherit', timeoutMs, ...(dataDir ? { dataDir } : {}) });
}

/** The worker (`X-Worker`) that answered one GET /api/health on a connection of its own. */
function healthAnsweredBy(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/health`, { agent: false }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(String(res.headers['x-worker'] ?? 'none'))
          : reject(new Error(`health answered ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * The workers that answered GET /api/health, each call a connection of its own, asked until `count` have or `ms`
 * passed: health answers once the first worker listens, and the others may still be loading (jieba's dictionary,
 * before they listen), so a test that needs every worker waits for them here.
 */
export async function workersAnsweringWithin(url: string, ms: number, count = 2): Promise<Set<string>> {
  const seen = new Set<string>();
  const deadline = Date.now() + ms;
  do {
    for (let i = 0; i < 4 * count && seen.size < count; i++) seen.add(await healthAnsweredBy(url));
    if (seen.size >= count) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  } while (Date.now() < deadline);
  return seen;
}
