/**
 * The one way to run the real server in a child process: `server/src/main.ts` under tsx (or the compiled
 * `server/dist/main.js`) in a single node process (so a signal reaches the server itself), on a free port and a
 * data directory, with the node flags of `npm start`, resolved once GET /api/health answers. Used by the browser tests (scripts/e2e.mjs, client/e2e), the cluster tests (server/test/cluster) and
 * the benchmarks (scripts/bench).
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The node flags the server runs with, as `npm start` gives them: package.json's start script is where they are
 * set (the Dockerfile's CMD and the server workspace's start:compiled say the same; serverProcess.test.ts checks).
 * Among them the heap's ceiling, below 2 GiB so that V8 lets the heap grow less between collections
 * (docs/deployment.md, "Memory").
 */
export function serverNodeFlags(root = repoRoot): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const run = /\bnode((?: --\S+)*) server\/dist\/main\.js/.exec(scripts.start ?? '');
  if (!run) throw new Error("package.json's start script does not run node server/dist/main.js");
  return run[1]!.split(' ').filter(Boolean);
}

export interface ServerProcessOptions {
  /** The data directory; by default a fresh temporary one, removed when the process exits. */
  dataDir?: string;
  port?: number;
  /** On top of the defaults: NODE_ENV=test, HOST=127.0.0.1, SEED_DEMO=false, LOG_LEVEL=warn. */
  env?: NodeJS.ProcessEnv;
  /**
   * `capture` (the default) keeps the output (`tail`, `errorLines`) for a report; `inherit` shows it; `stderr`
   * shows only the errors.
   */
  output?: 'inherit' | 'capture' | 'stderr';
  /** How long to wait for the first healthy answer (default 60 s). */
  timeoutMs?: number;
  /** Run the compiled server (`server/dist/main.js`, made by `npm run build -w @app/server`) without tsx. */
  compiled?: boolean;
}

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** Milliseconds from spawn to the first healthy answer. */
  startMs: number;
  /** Captured log lines at level error or above (pino level >= 50). */
  errorLines: string[];
  /** The last captured lines of output, for a report when something goes wrong. */
  tail: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` (SIGTERM by default), then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The fields of /proc/<pid>/stat after the name (which may hold spaces), or undefined when it is gone; `pid` may
 * be `<pid>/task/<tid>` for one thread.
 */
export function statFields(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) a process has used so far, in ms; undefined where /proc is not available. */
export function cpuMs(pid: number | undefined): number | undefined {
  // Fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 a second on Linux).
  const fields = pid === undefined ? undefined : statFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) * 10 : undefined;
}

/**
 * CPU time a process and all its descendants have used so far, in ms (the primary and the workers of
 * `WORKERS=n`), counting children that already ended and were reaped (fields 16 and 17: a replaced worker).
 */
export function treeCpuMs(pid: number | undefined): number | undefined {
  const tree = processTree(pid);
  let total: number | undefined;
  for (const id of tree ?? []) {
    const fields = statFields(id);
    if (fields)
      total = (total ?? 0) + fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) * 10;
  }
  return total;
}

/** A process and all its descendants, parents before children; undefined where /proc is not available. */
export function processTree(pid: number | undefined): number[] | undefined {
  if (pid === undefined) return undefined;
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const name of entries) {
    const parent = Number(statFields(name)?.[1]);
    if (!Number.isFinite(parent)) continue;
    children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
  }
  const tree: number[] = [];
  const visit = (id: number) => {
    tree.push(id);
    for (const child of children.get(id) ?? []) visit(child);
  };
  visit(pid);
  return tree;
}

const STDIO: Record<NonNullable<ServerProcessOptions['output']>, StdioOptions> = {
  capture: ['ignore', 'pipe', 'pipe'],
  inherit: ['ignore', 'inherit', 'inherit'],
  stderr: ['ignore', 'ignore', 'inherit'],
};

/** Starts the server and resolves once it answers GET /api/health; throws (and kills it) if it does not. */
export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'rl-server-'));
  const output = options.output ?? 'capture';
  const started = Date.now();
  // BENCH_CPU_PROF=<dir>: the server writes its V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const entry = options.compiled ? ['server/dist/main.js'] : ['--import', 'tsx', 'server/src/main.ts'];
  const child = spawn(process.execPath, [...serverNodeFlags(), ...profile, ...entry], {
    cwd: repoRoot,
    stdio: STDIO[output],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      ...options.env,
      PORT: String(port),
      DATA_DIR: dataDir,
    },
  });
  const tail: string[] = [];
  const errorLines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      tail.push(line);
      if (tail.length > 40) tail.shift();
      const level = /"level":(\d+)/.exec(line)?.[1];
      if (level && Number(level) >= 50) errorLines.push(line);
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  // A directory of our own goes with the process, however it ends.
  if (ownDir) void exited.then(() => rmSync(dataDir, { recursive: true, force: true }));
  let early: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((status) => (early = status));
  const url = `http://127.0.0.1:${port}`;

  const stop = async (signal: NodeJS.Signals = 'SIGTERM', graceMs = 20_000) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = started + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (early) {
      throw new Error(
        `the server on port ${port} exited before answering (code ${early.code}, signal ${early.signal})` +
          (tail.length ? `:\n${tail.join('\n')}` : ''),
      );
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok)
        return { url, port, dataDir, child, startMs: Date.now() - started, errorLines, tail, exited, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop('SIGKILL');
  throw new Error(`the server on port ${port} did not answer /api/health in time:\n${tail.join('\n')}`);
}
