/**
 * `npm run smoke`: the compiled server as production runs it (`node server/dist/main.js`, no tsx; build it first
 * with `npm run build -w @app/server`), on a fresh DATA_DIR with the demo data: it answers /api/health, finds a
 * listing by its title, and on SIGTERM exits by itself with code 0 within a few seconds. CI runs it (.ci/run).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, startServerProcess } from './lib/serverProcess.js';

const EXIT_WITHIN_MS = 5_000;
const results: Array<{ check: string; ok: boolean; detail: string }> = [];
const check = (name: string, ok: boolean, detail = '') => {
  results.push({ check: name, ok, detail });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
};

const main = path.join(repoRoot, 'server/dist/main.js');
if (!existsSync(main)) {
  console.error(`${main} is missing: run npm run build -w @app/server first`);
  process.exit(1);
}
const dataDir = mkdtempSync(path.join(tmpdir(), 'rl-smoke-'));
const server = await startServerProcess({
  compiled: true,
  dataDir,
  env: { NODE_ENV: 'production', SEED_DEMO: 'true', LOG_LEVEL: 'warn' },
  timeoutMs: 120_000,
});
try {
  check('started and healthy', true, `${server.startMs} ms`);
  const health = (await (await fetch(`${server.url}/api/health`)).json()) as Record<string, unknown>;
  check('health names the embedded engines', health.database === 'embedded' && health.search === 'embedded');

  const all = (await (await fetch(`${server.url}/api/search`)).json()) as {
    total: number;
    items: Array<{ id: string; title: string }>;
  };
  const first = all.items[0];
  check(
    'the demo listings are searchable',
    all.total > 0 && first !== undefined,
    `${all.total} open listings`,
  );
  if (first) {
    const res = await fetch(`${server.url}/api/search?q=${encodeURIComponent(first.title)}`);
    const found = (await res.json()) as { items: Array<{ id: string }> };
    check(
      'a search by title finds the listing',
      res.ok && found.items.some((l) => l.id === first.id),
      `q=${first.title}`,
    );
  }
} catch (err) {
  check('requests', false, String(err));
} finally {
  const sent = Date.now();
  server.child.kill('SIGTERM');
  const exit = await Promise.race([
    server.exited,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), EXIT_WITHIN_MS)),
  ]);
  if (!exit) await server.stop('SIGKILL');
  check(
    `SIGTERM: exits with code 0 within ${EXIT_WITHIN_MS / 1000} s`,
    exit?.code === 0,
    exit
      ? `code ${exit.code}, signal ${exit.signal}, after ${Date.now() - sent} ms`
      : 'still running: killed',
  );
  if (server.errorLines.length > 0) check('no error logged', false, server.errorLines.join('\n'));
  rmSync(dataDir, { recursive: true, force: true });
}
const failed = results.filter((r) => !r.ok).length;
console.log(`smoke: ${results.length - failed} passed, ${failed} failed`);
if (failed > 0) {
  console.log(server.tail.join('\n'));
  process.exit(1);
}
