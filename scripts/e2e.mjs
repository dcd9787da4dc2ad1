#!/usr/bin/env node
// `npm run test:e2e`: builds the client, starts the real server on a free port with a fresh data directory,
// runs the browser tests (client/e2e, headless Chromium) against it, stops it, then runs the cluster tests
// (server/test/cluster, real redis-server). Exits non-zero if any section fails.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vitestBin = path.join(root, 'node_modules/vitest/vitest.mjs');
const { startServerProcess } = await tsImport('./lib/serverProcess.ts', import.meta.url);
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

/** Starts the server (the one launcher, scripts/lib/serverProcess.ts) on a free port and a fresh data directory. */
async function startServer() {
  const server = await startServerProcess({ output: 'inherit' });
  console.log(`server up at ${server.url}`);
  return server;
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
      await running.stop();
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
