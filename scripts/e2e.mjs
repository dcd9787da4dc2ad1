#!/usr/bin/env node
// `npm run test:e2e`: builds the client, starts the real server on a free port with a fresh data directory,
// runs the browser tests (client/e2e, headless Chromium) against it, stops it, then runs the cluster tests
// (server/test/cluster, real redis-server). Exits non-zero if any section fails.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vitestBin = path.join(root, 'node_modules/vitest/vitest.mjs');
const results = [];

function header(title) {
  console.log(`\n${'='.repeat(78)}\n== ${title}\n${'='.repeat(78)}`);
}

/** Runs a command with inherited output; resolves to its exit code. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (err) => {
      console.error(err.message);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function section(title, body) {
  header(title);
  const started = Date.now();
  let ok;
  try {
    ok = await body();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    ok = false;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ title, ok, seconds });
  console.log(`-- ${title}: ${ok ? 'passed' : 'FAILED'} in ${seconds} s`);
  return ok;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `server/src/main.ts` under tsx in one node process (so a signal reaches the server itself). */
async function startServer() {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'resourcelink-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
    },
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const server = { child, port, dataDir, exited, url: `http://127.0.0.1:${port}` };

  const deadline = Date.now() + 60_000;
  let early = null;
  void exited.then((status) => (early = status));
  while (Date.now() < deadline) {
    if (early)
      throw new Error(`the server exited before answering (code ${early.code}, signal ${early.signal})`);
    try {
      const res = await fetch(`${server.url}/api/health`);
      if (res.ok) {
        console.log(`server up at ${server.url}: ${await res.text()}`);
        return server;
      }
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stopServer(server);
  throw new Error('the server did not answer /api/health within 60 s');
}

async function stopServer(server) {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGTERM');
    const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
    await server.exited;
    clearTimeout(timer);
  }
  rmSync(server.dataDir, { recursive: true, force: true });
}

let running = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (running) running.child.kill('SIGKILL');
    process.exit(130);
  });
}

const started = Date.now();

const built = await section('build the client', () =>
  run('npm', ['run', 'build', '-w', '@app/client']).then((code) => code === 0),
);

if (built) {
  await section('browser tests (client/e2e, headless Chromium)', async () => {
    running = await startServer();
    try {
      const code = await run(
        process.execPath,
        [vitestBin, 'run', '--config', 'client/vitest.e2e.config.ts'],
        {
          E2E_BASE_URL: running.url,
        },
      );
      return code === 0;
    } finally {
      await stopServer(running);
      running = null;
    }
  });
} else {
  results.push({ title: 'browser tests (client/e2e, headless Chromium)', ok: false, seconds: '0.0' });
  console.log('-- browser tests skipped: the client did not build');
}

await section('cluster tests (server/test/cluster, redis-server)', () =>
  run(process.execPath, [vitestBin, 'run', '--config', 'server/vitest.cluster.config.ts']).then(
    (code) => code === 0,
  ),
);

header('summary');
for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.title}  (${r.seconds} s)`);
const failed = results.filter((r) => !r.ok).length;
console.log(
  `${failed === 0 ? 'all passed' : `${failed} section(s) failed`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
process.exit(failed === 0 ? 0 : 1);
