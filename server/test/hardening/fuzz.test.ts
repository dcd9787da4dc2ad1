/**
 * The property test of TESTING.md ("Bad input is a test case"): for every operation of the OpenAPI document,
 * generated calls (hostile bodies, query strings and path ids, from any caller, sometimes without CSRF) never get
 * a 5xx; a 4xx always carries the API's error body; no answer carries a stored secret; a 2xx matches the declared
 * response schema; and a refused call leaves the database as it was.
 *
 *   FUZZ_RUNS=1000 npx vitest run --project server test/hardening/fuzz.test.ts   (the long run; default 40/route)
 *   FUZZ_SEED=<seed> reproduces a failure fast-check reported.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS, errorBodySchema } from '@app/shared';
import { listRoutes, type RouteSpec } from '../../src/lib/http/registry.js';
import { startTestServer, type TestClient } from '../harness.js';
import {
  fromSchema,
  hostileString,
  hostileValue,
  mutated,
  oddStrings,
  rawBodies,
  rawQuery,
} from './arbitraries.js';
import { send, type Method, type Outgoing } from './http.js';
import { findSecretField } from './leaks.js';
import { httpMatrix } from './matrix.js';
import { recipes, type CallParts } from './recipes.js';
import { differences, fingerprint, watchWrites, type Fingerprint } from './snapshot.js';
import { buildSubject, holderOf, RELATIONS, type Subject, type SubjectKind } from './subjects.js';
import { buildWorld, CALLERS, freshActor, ROLES, type Actor, type Caller } from './world.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

const server = await startTestServer();
const world = await buildWorld(server);
afterAll(async () => {
  watcher.stop();
  await server.stop();
});

type JsonSchema = Parameters<typeof fromSchema>[0];
interface Operation {
  key: string;
  method: Method;
  /** Express-style path below /api. */
  path: string;
  spec: RouteSpec;
  body?: JsonSchema;
  queryNames: string[];
}

/** The operations of the published OpenAPI document, joined to the route specs they were generated from. */
async function operationsOfDocument(): Promise<Operation[]> {
  const doc = (await world.anonymous.get('/api/openapi.json')).body as {
    paths: Record<
      string,
      Record<string, { parameters?: { name: string; in: string }[]; requestBody?: never }>
    >;
  };
  return Object.entries(doc.paths).flatMap(([openapiPath, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const path = openapiPath.replace(/^\/api/, '').replace(/\{(\w+)\}/g, ':$1');
      const spec = listRoutes().find((r) => r.method === method && r.path === path)!;
      const content = (op.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined)
        ?.content;
      return {
        key: `${method.toUpperCase()} ${path}`,
        method: method as Method,
        path,
        spec,
        body: content?.['application/json']?.schema,
        queryNames: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      };
    }),
  );
}
const operations = await operationsOfDocument();

// Callers for routes that change the caller (sign in and out, password, organization): throwaway accounts.
const disposable = new Map<Caller, Actor>();
for (const role of ROLES) disposable.set(role, await freshActor(world, role));

/** A valid call of each route, by a caller it lets through: what the fuzzer mutates. */
interface Sample {
  caller?: Actor;
  parts: CallParts;
}
const samples = new Map<string, Sample>();
const subjects: Subject[] = [];
for (const op of operations) {
  const recipe = recipes[op.key];
  const row = httpMatrix[op.key];
  if (!recipe || !row) continue; // the authorization matrix reports the missing row
  let caller: Caller = 'anonymous';
  let relation = RELATIONS[0]!;
  if (row.kind === 'by-caller') caller = CALLERS.find((c) => row.outcome[c] < 300) ?? 'anonymous';
  else {
    const allowed = ROLES.flatMap((role) =>
      RELATIONS.map((r, i) => [role, r, row.outcome[role][i] ?? null] as const).filter(
        ([, , status]) => status !== null && status < 300,
      ),
    );
    [caller, relation] = allowed[0] ? [allowed[0][0], allowed[0][1]] : ['anonymous', 'stranger'];
  }
  const actor =
    caller === 'anonymous' ? undefined : recipe.fresh ? disposable.get(caller) : world.actors[caller];
  const holder = recipe.subject ? holderOf(world, recipe.subject, caller, relation) : undefined;
  const subject = recipe.subject && holder ? await buildSubject(world, recipe.subject, holder) : undefined;
  if (subject) subjects.push(subject);
  samples.set(op.key, { caller: actor, parts: await recipe.build({ world, caller, actor, subject }) });
}
// More things to point at: a match in every state, a closed listing and a document of a stranger.
for (const kind of [
  'proposed-match',
  'accepted-match',
  'completed-match',
  'closed-listing',
  'document',
] as SubjectKind[]) {
  subjects.push(await buildSubject(world, kind, world.strangers.organization));
}

/** Real ids of other people's things, and ids of nothing. */
const ids = [
  ...world.everyone.flatMap((a) => [String(a.user._id), ...(a.org ? [String(a.org._id)] : [])]),
  String(world.bases.own._id),
  String(world.bases.other._id),
  ...subjects.flatMap((s) => [s.id, s.needId, s.offerId, s.documentId, s.match && String(s.match.needId)]),
  '000000000000000000000000',
  'ffffffffffffffffffffffff',
].filter((id): id is string => Boolean(id));

interface Call {
  /** Who calls, by label (the clients themselves would not print). */
  caller: string;
  out: Outgoing;
}
const clients = new Map<string, TestClient>([['anonymous', world.anonymous]]);
const labelled = (label: string, client: TestClient): string => (clients.set(label, client), label);

const idArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ids) },
  { weight: 1, arbitrary: fc.stringMatching(/^[0-9a-f]{24}$/) },
  // Not empty, `.` or `..`: those would name another route rather than a bad id.
  { weight: 2, arbitrary: hostileString.filter((s) => s.length < 2000 && !['', '.', '..'].includes(s)) },
);

function callArbitrary(op: Operation): fc.Arbitrary<Call> {
  const sample = samples.get(op.key);
  const fresh = recipes[op.key]?.fresh;
  const pool = [
    'anonymous',
    ...(fresh
      ? [...disposable].map(([role, a]) => labelled(`fresh ${role}`, a.client))
      : world.everyone.map((a) => labelled(`${a.role} ${String(a.user._id)}`, a.client))),
  ];
  const sampleCaller = sample?.caller
    ? labelled(
        `${fresh ? 'fresh' : sample.caller.role} ${fresh ? sample.caller.role : String(sample.caller.user._id)}`,
        sample.caller.client,
      )
    : 'anonymous';
  const caller = fc.oneof(
    { weight: 3, arbitrary: fc.constant(sampleCaller) },
    { weight: 2, arbitrary: fc.constantFrom(...pool) },
  );

  const paramNames = [...op.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const params = fc.tuple(
    ...paramNames.map((name) =>
      fc.oneof(
        { weight: 2, arbitrary: fc.constant(sample?.parts.params?.[name] ?? ids[0]!) },
        { weight: 3, arbitrary: idArb },
      ),
    ),
  );
  const query = fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: rawQuery(op.queryNames, sample?.parts.query, ids) },
  );
  const value = hostileValue(ids);
  const body: fc.Arbitrary<Pick<Outgoing, 'body' | 'rawBody' | 'upload'>> = op.spec.upload
    ? uploadArbitrary(sample?.parts, value)
    : op.body
      ? fc.oneof(
          // The valid body as it is: then the caller, the ids and the state decide, and refusals come late.
          { weight: 3, arbitrary: fc.constant({ body: sample?.parts.body }) },
          { weight: 4, arbitrary: mutated(sample?.parts.body ?? {}, ids).map((b) => ({ body: b })) },
          { weight: 2, arbitrary: fromSchema(op.body, ids).map((b) => ({ body: b })) },
          { weight: 1, arbitrary: value.map((b) => ({ body: b })) },
          { weight: 1, arbitrary: rawBodies.map((rawBody) => ({ rawBody })) },
        )
      : fc.oneof(
          { weight: 4, arbitrary: fc.constant({}) },
          { weight: 1, arbitrary: value.map((b) => ({ body: b })) },
          { weight: 1, arbitrary: rawBodies.map((rawBody) => ({ rawBody })) },
        );
  const csrf = fc.oneof(
    { weight: 18, arbitrary: fc.constant('valid' as const) },
    { weight: 1, arbitrary: fc.constant('missing' as const) },
    { weight: 1, arbitrary: fc.constant('wrong' as const) },
  );
  return fc.record({ caller, params, query, body, csrf }).map(({ caller, params, query, body, csrf }) => ({
    caller,
    out: {
      params: Object.fromEntries(paramNames.map((name, i) => [name, params[i]!])),
      ...(query === undefined ? { query: sample?.parts.query } : { rawQuery: query }),
      ...body,
      csrf,
    },
  }));
}

const filenames = fc.constantFrom(
  '登记证书.pdf',
  '../../etc/passwd',
  '<img src=x>.pdf',
  'a"b.pdf',
  '.pdf',
  'x'.repeat(300),
);

function uploadArbitrary(parts: CallParts | undefined, value: fc.Arbitrary<unknown>) {
  const upload = parts?.upload;
  if (!upload) return fc.constant({});
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant({ upload }) },
    {
      weight: 2,
      arbitrary: fc
        .record({
          kind: fc.oneof(oddStrings, fc.constant('other')),
          name: fc.constantFrom('kind', 'role', '$where', 'a.b'),
          filename: filenames,
        })
        .map(({ kind, name, filename }) => ({ upload: { ...upload, filename, fields: { [name]: kind } } })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          data: fc.uint8Array({ maxLength: 2000 }),
          filename: filenames,
          field: fc.constantFrom('file', 'files', 'file[]'),
        })
        .map(({ data, filename, field }) => ({
          upload: { field, filename, contentType: 'application/pdf', data: Buffer.from(data), fields: {} },
        })),
    },
    { weight: 1, arbitrary: value.map((b) => ({ body: b })) },
    { weight: 1, arbitrary: rawBodies.map((rawBody) => ({ rawBody })) },
  );
}

const watcher = watchWrites();
let baseline: Fingerprint = await fingerprint();

/** A key no body may carry: an operator or a path anywhere, or (at the top) a field the route does not know. */
function smuggledKey(op: Operation, body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const known = op.body?.properties;
  if (!Array.isArray(body) && (!op.body || known)) {
    const unknown = Object.keys(body).find((k) => !known || !Object.hasOwn(known, k));
    if (unknown !== undefined) return unknown;
  }
  const walk = (value: unknown): string | undefined => {
    if (value === null || typeof value !== 'object') return undefined;
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith('$') || k.includes('.')) return k;
      const found = walk(v);
      if (found) return found;
    }
    return undefined;
  };
  return walk(body);
}

/** Statuses seen per operation: printed with FUZZ_STATS=1, to see how deep the generated calls reach. */
const statuses: Record<string, Record<number, number>> = {};

/** One call, and every property it must keep. */
async function check(op: Operation, call: Call): Promise<void> {
  const client = clients.get(call.caller)!;
  const res = await send(client, op.method, op.path, call.out);
  if (op.path.startsWith('/auth/')) client.resetCsrf();
  if (recipes[op.key]?.fresh && res.status < 300 && call.caller.startsWith('fresh ')) {
    // The throwaway caller signed out, became someone else or joined an organization: sign in a new one.
    const role = call.caller.split(' ')[1] as (typeof ROLES)[number];
    const renewed = await freshActor(world, role);
    disposable.set(role, renewed);
    clients.set(call.caller, renewed.client);
  }
  await server.ctx.events.settle();
  const shown = (v: unknown) => (JSON.stringify(v) ?? String(v)).slice(0, 400);
  const what = `${op.key} as ${call.caller}: ${res.status} for ${shown({ ...call.out, upload: call.out.upload ? '(file)' : undefined })}\n  answer ${shown(res.body)}`;

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
    expect(operations.every((o) => samples.has(o.key))).toBe(true);
  });

  for (const op of operations) {
    it(
      `${op.key}: no 5xx, the error body on a 4xx, no write when refused`,
      async () => {
        await fc.assert(
          fc.asyncProperty(callArbitrary(op), (call) => check(op, call)),
          { numRuns: RUNS, endOnFailure: true, ...(SEED === undefined ? {} : { seed: SEED }) },
        );
      },
      30_000 + RUNS * 500,
    );
  }

  it('left the database as the accepted calls made it', async () => {
    if (process.env.FUZZ_STATS) {
      for (const [key, tally] of Object.entries(statuses)) console.log(key.padEnd(48), JSON.stringify(tally));
    }
    // A write outside mongoose would escape the watcher: the last fingerprint must still hold.
    await server.ctx.events.settle();
    expect(differences(baseline, await fingerprint())).toEqual([]);
  });
});
