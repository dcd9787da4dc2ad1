import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './redisServer.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ChildHandle {
  process: ChildProcess;
  exited: Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

function handle(child: ChildProcess, cleanup: () => void = () => {}): ChildHandle {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(cleanup);
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

export interface ServerProcess extends ChildHandle {
  url: string;
  port: number;
}

/** Starts `server/src/main.ts` in one node process (so a signal reaches the server itself) and waits for health. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rl-cluster-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
  const server = {
    ...handle(child, () => rmSync(dataDir, { recursive: true, force: true })),
    port,
    url: `http://127.0.0.1:${port}`,
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server on port ${port} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${server.url}/api/health`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await server.stop();
  throw new Error(`the server on port ${port} did not answer /api/health within 60 s`);
}
