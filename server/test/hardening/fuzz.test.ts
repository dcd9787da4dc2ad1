/**
 * The property test of docs/architecture.md ("Tests": bad input is a test case): for every operation of the
 * OpenAPI document, generated calls (hostile bodies, query strings and path ids, from any caller, sometimes
 * without CSRF) never get a 5xx; a 4xx always carries the API's error body; no answer carries a stored secret; a
 * 2xx matches the declared response schema; a body with an operator, a dotted or an unknown key is refused; and a
 * refused call leaves the database as it was.
 *
 *   FUZZ_RUNS=1000 npx vitest run --project server test/hardening/fuzz.test.ts   (the long run; default 40/route)
 *   FUZZ_SEED=<seed> reproduces a failure fast-check reported; FUZZ_STATS=1 prints the statuses seen per route.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS, errorBodySchema } from '@app/shared';
import { listRoutes } from '../../src/lib/http/registry.js';
import { startTestServer } from '../harness.js';
import { callArbitrary, Callers, smuggledKey, type Call } from './calls.js';
import { send } from './http.js';
import { findSecretField } from './leaks.js';
import { buildSamples, operationsOfDocument, type Operation } from './operations.js';
import { recipes } from './recipes.js';
import { differences, fingerprint, watchWrites, type Fingerprint } from './snapshot.js';
import { buildWorld } from './world.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

// Set up while the tests are collected: the operations come from the running server's document.
const server = await startTestServer();
const world = await buildWorld(server);
const operations = await operationsOfDocument(world);
const callers = await Callers.of(world);
const { samples, ids } = await buildSamples(world, operations, callers.disposable);
const watcher = watchWrites();
let baseline: Fingerprint = await fingerprint();
afterAll(async () => {
  watcher.stop();
  await server.stop();
});

/** Statuses seen per operation, to see how deep the generated calls reach. */
const statuses: Record<string, Record<number, number>> = {};

/** One call, and every property it must keep. */
async function check(op: Operation, call: Call): Promise<void> {
  const client = callers.client(call.caller);
  const res = await send(client, op.method, op.path, call.out);
  if (op.path.startsWith('/auth/')) client.resetCsrf();
  if (recipes[op.key]?.fresh && res.status < 300) await callers.renew(call.caller);
  await server.ctx.events.settle();
  const shown = (v: unknown) => (JSON.stringify(v) ?? String(v)).slice(0, 400);
  const sent = shown({ ...call.out, upload: call.out.upload ? '(file)' : undefined });
  const what = `${op.key} as ${call.caller}: ${res.status} for ${sent}\n  answer ${shown(res.body)}`;

  expect(res.status, what).toBeLessThan(500);
  if (res.status >= 400) {
    const parsed = errorBodySchema.safeParse(res.body);
    expect(parsed.success, `not the API's error body: ${what}`).toBe(true);
    expect(ERROR_STATUS[parsed.data!.error.code], `code and status disagree: ${what}`).toBe(res.status);
  } else if (op.spec.response && res.status !== 204) {
    const parsed = op.spec.response.safeParse(res.body);
    expect(parsed.success, `answer does not match its schema (${parsed.error?.message}): ${what}`).toBe(true);
  }
  expect(findSecretField(res.body), `secret field in the answer: ${what}`).toBeUndefined();
  const smuggled = smuggledKey(op, call.out.body);
  if (smuggled)
    expect(res.status, `accepted a body with \`${smuggled}\`: ${what}`).toBeGreaterThanOrEqual(400);

  const tally = (statuses[op.key] ??= {});
  tally[res.status] = (tally[res.status] ?? 0) + 1;

  // Only a call that sent a write can have changed anything: then compare the whole database.
  const writes = watcher.take();
  if (!writes.length) return;
  const now = await fingerprint();
  if (res.status >= 400) {
    expect(differences(baseline, now), `a refused call wrote (${writes.join(', ')}): ${what}`).toEqual([]);
  }
  baseline = now;
}

describe('every operation of the OpenAPI document under hostile input', () => {
  it('covers exactly the mounted routes', () => {
    const mounted = listRoutes()
      .map((r) => `${r.method.toUpperCase()} ${r.path}`)
      .sort();
    expect(operations.map((o) => o.key).sort()).toEqual(mounted);
    expect(operations.filter((o) => !samples.has(o.key)).map((o) => o.key)).toEqual([]);
  });

  for (const op of operations) {
    it(
      `${op.key}: no 5xx, the error body on a 4xx, no write when refused`,
      async () => {
        const calls = callArbitrary(op, { world, callers, sample: samples.get(op.key), ids });
        await fc.assert(
          fc.asyncProperty(calls, (call) => check(op, call)),
          { numRuns: RUNS, endOnFailure: true, ...(SEED === undefined ? {} : { seed: SEED }) },
        );
      },
      30_000 + RUNS * 500,
    );
  }

  it('left the database as the accepted calls made it, having refused most calls', async () => {
    if (process.env.FUZZ_STATS) {
      for (const [key, tally] of Object.entries(statuses)) console.log(key.padEnd(48), JSON.stringify(tally));
    }
    // A write outside mongoose would escape the watcher: the last fingerprint must still hold.
    await server.ctx.events.settle();
    expect(differences(baseline, await fingerprint())).toEqual([]);
    // Bad input is most of what is sent, yet most operations also let some calls through: a generator that never
    // got past validation would test nothing else.
    const all = Object.values(statuses).flatMap((t) => Object.entries(t));
    const refused = all.filter(([s]) => Number(s) >= 400).reduce((n, [, c]) => n + c, 0);
    expect(refused / all.reduce((n, [, c]) => n + c, 0)).toBeGreaterThan(0.5);
    const through = Object.values(statuses).filter((t) => Object.keys(t).some((s) => Number(s) < 300));
    expect(through.length).toBeGreaterThan(operations.length / 2);
  });
});
