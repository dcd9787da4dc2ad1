/**
 * One generated call of an operation: who calls (by label: clients would not print), path ids, a raw query string,
 * a body or an upload, and the CSRF header. Callers of routes that change the caller are throwaway accounts,
 * renewed when a call succeeds.
 */
import fc from 'fast-check';
import type { TestClient } from '../harness.js';
import {
  fromSchema,
  hostileString,
  hostileValue,
  mutated,
  oddStrings,
  rawBodies,
  rawQuery,
} from './arbitraries.js';
import type { Outgoing } from './http.js';
import type { Operation, Sample } from './operations.js';
import { recipes, type CallParts } from './recipes.js';
import { freshActor, ROLES, type Actor, type Caller, type World } from './world.js';

export interface Call {
  caller: string;
  out: Outgoing;
}

/** The clients behind caller labels. */
export class Callers {
  private readonly clients = new Map<string, TestClient>();

  private constructor(
    private readonly world: World,
    readonly disposable: Map<Caller, Actor>,
  ) {
    this.clients.set('anonymous', world.anonymous);
  }

  /** The world's accounts, and one throwaway account per role. */
  static async of(world: World): Promise<Callers> {
    const disposable = new Map<Caller, Actor>();
    for (const role of ROLES) disposable.set(role, await freshActor(world, role));
    return new Callers(world, disposable);
  }

  label(label: string, client: TestClient): string {
    this.clients.set(label, client);
    return label;
  }

  client(label: string): TestClient {
    return this.clients.get(label)!;
  }

  /** Replaces a throwaway caller that signed out, became someone else or joined an organization. */
  async renew(label: string): Promise<void> {
    if (!label.startsWith('fresh ')) return;
    const role = label.split(' ')[1] as (typeof ROLES)[number];
    const renewed = await freshActor(this.world, role);
    this.disposable.set(role, renewed);
    this.clients.set(label, renewed.client);
  }
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
  const fields = fc.record({
    kind: fc.oneof(oddStrings, fc.constant('other')),
    name: fc.constantFrom('kind', 'role', '$where', 'a.b'),
    filename: filenames,
  });
  const garbage = fc.record({
    data: fc.uint8Array({ maxLength: 2000 }),
    filename: filenames,
    field: fc.constantFrom('file', 'files', 'file[]'),
  });
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant({ upload }) },
    {
      weight: 2,
      arbitrary: fields.map(({ kind, name, filename }) => ({
        upload: { ...upload, filename, fields: { [name]: kind } },
      })),
    },
    {
      weight: 2,
      arbitrary: garbage.map(({ data, filename, field }) => ({
        upload: { field, filename, contentType: 'application/pdf', data: Buffer.from(data), fields: {} },
      })),
    },
    { weight: 1, arbitrary: value.map((b) => ({ body: b })) },
    { weight: 1, arbitrary: rawBodies.map((rawBody) => ({ rawBody })) },
  );
}

/** The arbitrary of calls of one operation: mostly near its valid sample, from its usual caller or anyone. */
export function callArbitrary(
  op: Operation,
  context: { world: World; callers: Callers; sample?: Sample; ids: string[] },
): fc.Arbitrary<Call> {
  const { world, callers, sample, ids } = context;
  const fresh = recipes[op.key]?.fresh;
  const pool = [
    'anonymous',
    ...(fresh
      ? [...callers.disposable].map(([role, a]) => callers.label(`fresh ${role}`, a.client))
      : world.everyone.map((a) => callers.label(`${a.role} ${String(a.user._id)}`, a.client))),
  ];
  // A throwaway caller may have been renewed since the sample was made: its label names the current one.
  const usual = !sample?.caller
    ? 'anonymous'
    : fresh
      ? `fresh ${sample.caller.role}`
      : callers.label(`${sample.caller.role} ${String(sample.caller.user._id)}`, sample.caller.client);
  const caller = fc.oneof(
    { weight: 3, arbitrary: fc.constant(usual) },
    { weight: 2, arbitrary: fc.constantFrom(...pool) },
  );

  const idArb = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ids) },
    { weight: 1, arbitrary: fc.stringMatching(/^[0-9a-f]{24}$/) },
    // Not empty, `.` or `..`: those would name another route rather than a bad id.
    { weight: 2, arbitrary: hostileString.filter((s) => s.length < 2000 && !['', '.', '..'].includes(s)) },
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
  // A route without query parameters refuses any: a query string there is a short test, so a rarer one.
  const takesQuery = op.queryNames.length > 0;
  const query = fc.oneof(
    { weight: takesQuery ? 2 : 5, arbitrary: fc.constant(undefined) },
    { weight: takesQuery ? 3 : 1, arbitrary: rawQuery(op.queryNames, sample?.parts.query, ids) },
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

/** A key no body may carry: an operator or a path anywhere, or (at the top) a field the route does not know. */
export function smuggledKey(op: Operation, body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const known = op.body?.properties;
  if (!Array.isArray(body) && (!op.body || known)) {
    const unknown = Object.keys(body).find((k) => !known || !Object.hasOwn(known, k));
    if (unknown !== undefined) return unknown;
  }
  const walk = (value: unknown): string | undefined => {
    if (value === null || typeof value !== 'object') return undefined;
    // An array's other own properties never reach the server: JSON keeps only its elements.
    if (Array.isArray(value)) {
      for (const v of value) {
        const found = walk(v);
        if (found) return found;
      }
      return undefined;
    }
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith('$') || k.includes('.')) return k;
      const found = walk(v);
      if (found) return found;
    }
    return undefined;
  };
  return walk(body);
}
