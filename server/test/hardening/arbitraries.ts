/**
 * Hostile input for the fuzzer (fast-check): wrong types, `$` operators, dotted and prototype keys, huge strings
 * and arrays, odd Unicode, other people's ids; bodies made by mutating a valid call or from the route's JSON
 * Schema; query strings as raw text, so that brackets reach the query parser as an attacker would send them.
 */
import fc from 'fast-check';
import { encodeAny } from './http.js';

type Json = unknown;
type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  maxLength?: number;
  minLength?: number;
  maxItems?: number;
  default?: unknown;
};

const HUGE = 100_000;

export const oddStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202egnp.exe',
  '\u200b\u200b',
  '\ufeff',
  '𠮷野家',
  'e\u0301\u0301\u0301',
  '\ud800',
  '\udfff\ud800',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  '%00',
  '%E0%A4%A',
  '{{7*7}}',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '0x1f',
  'true',
  '[object Object]',
  '__proto__',
  'constructor',
  '$where',
  '$ne',
  'a.b',
  '老人'.repeat(50),
);

const hugeStrings = fc.constantFrom('x'.repeat(HUGE), '老'.repeat(HUGE / 2), '\u0301'.repeat(HUGE / 10));

/** Strings of every sort, mostly short. */
export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: oddStrings },
  { weight: 1, arbitrary: hugeStrings },
);

export const operatorKeys = fc.constantFrom(
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$in',
  '$nin',
  '$regex',
  '$where',
  '$exists',
  '$expr',
  '$or',
  '$set',
  '$function',
);

/** Keys an object must not smuggle in: operators, paths, the prototype, and plain unknown names. */
export const hostileKey = fc.oneof(
  operatorKeys,
  fc.constantFrom(
    'a.b',
    'status.$',
    'owner.id',
    '__proto__',
    'constructor',
    'prototype',
    'ownerId',
    'status',
    'role',
    '_id',
  ),
  fc.string({ minLength: 1, maxLength: 12 }),
);

/** Any JSON value an attacker may send in place of the expected one; `ids` are real ids of other people's things. */
export function hostileValue(ids: string[]): fc.Arbitrary<Json> {
  const id = fc.constantFrom(...ids);
  const { value } = fc.letrec<{ value: Json }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 4, arbitrary: hostileString },
      { weight: 2, arbitrary: id },
      {
        weight: 2,
        arbitrary: fc.oneof(
          fc.integer(),
          fc.double(),
          fc.constantFrom(0, -0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.1, 2 ** 31),
        ),
      },
      { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
      { weight: 2, arbitrary: fc.dictionary(operatorKeys, tie('value'), { minKeys: 1, maxKeys: 2 }) },
      { weight: 1, arbitrary: fc.dictionary(hostileKey, tie('value'), { maxKeys: 3 }) },
      { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          Array.from({ length: 10_000 }, (_, i) => i),
          Array(2000).fill('elderly'),
        ),
      },
    ),
  }));
  return value;
}

/** Paths (as key lists) of every value inside a JSON tree, the root included. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  }
  return out;
}

const clone = (v: Json): Json => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

type Mutation =
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; at: number; key: string; value: Json }
  | { kind: 'wrap'; at: number; asArray: boolean };

/** Sets an own property, even one named `__proto__`. */
const put = (target: object, key: string | number, value: Json) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

function applyMutation(root: Json, mutation: Mutation): Json {
  // Generated values are fast-check's to keep: insert copies.
  const m = 'value' in mutation ? { ...mutation, value: clone(mutation.value) } : mutation;
  const paths = pathsOf(root);
  const path = paths[m.at % paths.length]!;
  if (path.length === 0) {
    if (m.kind === 'replace') return m.value;
    if (m.kind === 'wrap') return [root];
    if (m.kind === 'add' && root && typeof root === 'object' && !Array.isArray(root)) {
      return put(root, m.key, m.value);
    }
    return root;
  }
  const parent = path
    .slice(0, -1)
    .reduce<Json>((node, key) => (node as Record<string, Json>)[key], root) as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (m.kind === 'replace') parent[last] = m.value;
  else if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (m.kind === 'wrap') parent[last] = m.asArray ? [parent[last]] : { value: parent[last] };
  else {
    // A key is added to a document, never to an array: an array's own `length` cannot be redefined.
    const target = parent[last];
    const plainObject = (v: unknown): v is object => !!v && typeof v === 'object' && !Array.isArray(v);
    if (plainObject(target)) put(target, m.key, m.value);
    else if (plainObject(parent)) put(parent, m.key, m.value);
  }
  return root;
}

/** A valid body changed in one to three places. */
export function mutated(sample: Json, ids: string[]): fc.Arbitrary<Json> {
  const value = hostileValue(ids);
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key: hostileKey, value }),
    fc.record({ kind: fc.constant('wrap' as const), at: fc.nat(), asArray: fc.boolean() }),
  );
  return fc
    .array(mutation, { minLength: 1, maxLength: 3 })
    .map((ms) => ms.reduce((body, m) => applyMutation(body, m), clone(sample ?? {})));
}

/** Values shaped by a JSON Schema (draft 2020-12, as zod writes it), each field sometimes wrong or missing. */
export function fromSchema(schema: JsonSchema, ids: string[], depth = 0): fc.Arbitrary<Json> {
  const wrong = hostileValue(ids);
  const near = (arb: fc.Arbitrary<Json>) =>
    fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: wrong });
  if (depth > 4) return wrong;
  if (schema.const !== undefined) return near(fc.constant(schema.const));
  if (schema.enum) return near(fc.constantFrom(...schema.enum));
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => fromSchema(s, ids, depth + 1)));
  if (schema.allOf?.length) return fromSchema(schema.allOf[0]!, ids, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = Object.entries(schema.properties ?? {});
      const fields = props.map(([key, s]) =>
        fc.option(fromSchema(s, ids, depth + 1), { nil: undefined, freq: 4 }).map((v) => [key, v] as const),
      );
      const extra = fc.option(fc.tuple(hostileKey, wrong), { freq: 4, nil: undefined });
      return fc.tuple(fc.tuple(...fields), extra).map(([entries, more]) => {
        const out: Record<string, Json> = {};
        for (const [k, v] of entries) if (v !== undefined) out[k] = v;
        if (more) out[more[0]] = more[1];
        return out;
      });
    }
    case 'array':
      return near(
        fc.array(schema.items ? fromSchema(schema.items, ids, depth + 1) : wrong, {
          maxLength: Math.min(schema.maxItems ?? 5, 5) + 1,
        }),
      );
    case 'integer':
    case 'number': {
      const lo = schema.minimum ?? schema.exclusiveMinimum ?? -1000;
      const hi = schema.maximum ?? lo + 1000;
      const edges = [lo - 1, lo, hi, hi + 1, (lo + hi) / 2];
      return near(
        fc.oneof(
          fc.constantFrom(...edges),
          fc.integer({ min: Math.ceil(lo), max: Math.floor(Math.min(hi, lo + 1e6)) }),
        ),
      );
    }
    case 'boolean':
      return near(fc.boolean());
    case 'string': {
      const max = schema.maxLength ?? 50;
      return near(
        fc.oneof(
          fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(max, 60) }),
          fc.constant('x'.repeat(max + 1)),
          fc.constantFrom(...ids),
        ),
      );
    }
    default:
      return wrong;
  }
}

/** A query string written by hand: known and unknown names, bracket syntax, operators and odd values. */
export function rawQuery(
  names: string[],
  sample: Record<string, string | string[]> | undefined,
  ids: string[],
) {
  const name = fc.oneof(
    { weight: 3, arbitrary: names.length ? fc.constantFrom(...names) : fc.constant('q') },
    { weight: 2, arbitrary: hostileKey },
  );
  const key = fc.oneof(
    { weight: 4, arbitrary: name },
    { weight: 2, arbitrary: fc.tuple(name, operatorKeys).map(([n, op]) => `${n}[${op}]`) },
    { weight: 1, arbitrary: name.map((n) => `${n}[]`) },
    { weight: 1, arbitrary: fc.tuple(name, fc.nat(200)).map(([n, i]) => `${n}[${i}]`) },
    { weight: 1, arbitrary: name.map((n) => `${n}[a][b][c]`) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__[x]', 'constructor[prototype][x]', 'a.b', 'toString') },
  );
  // Query values stay far below Node's 128 KiB header limit, beyond which Node itself answers 431.
  const value = fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 30 }).map(encodeAny) },
    { weight: 3, arbitrary: oddStrings.map((s) => encodeAny(s).replace(/%25/g, '%')) },
    { weight: 2, arbitrary: fc.constantFrom(...ids) },
    { weight: 1, arbitrary: fc.constantFrom('x'.repeat(5000), encodeURIComponent('老'.repeat(2000))) },
    { weight: 1, arbitrary: fc.integer().map(String) },
  );
  const base = Object.entries(sample ?? {}).flatMap(([k, v]) =>
    (Array.isArray(v) ? v : [v]).map((one) => `${encodeAny(k)}=${encodeAny(one)}`),
  );
  return fc
    .tuple(fc.boolean(), fc.array(fc.tuple(key, value), { maxLength: 5 }))
    .map(([keepSample, pairs]) =>
      [...(keepSample ? base : []), ...pairs.map(([k, v]) => `${k}=${v}`)].join('&'),
    );
}

/** Bodies no JSON parser accepts, or that are not JSON at all. */
export const rawBodies = fc.constantFrom(
  { contentType: 'application/json', data: '{"title": ' },
  { contentType: 'application/json', data: '{"a":1,"a":2}' },
  { contentType: 'application/json', data: '"just a string"' },
  { contentType: 'application/json', data: '[]' },
  { contentType: 'application/json', data: 'null' },
  { contentType: 'application/json', data: '{"__proto__":{"admin":true}}' },
  { contentType: 'application/json', data: '{"constructor":{"prototype":{"admin":true}}}' },
  { contentType: 'application/json', data: `{"title":"${'x'.repeat(300 * 1024)}"}` },
  { contentType: 'application/json', data: '['.repeat(5000) + ']'.repeat(5000) },
  { contentType: 'application/json; charset=utf-16', data: '{}' },
  { contentType: 'text/plain', data: 'title=hello' },
  { contentType: 'application/x-www-form-urlencoded', data: 'title[$ne]=1&role=bureau' },
  { contentType: 'multipart/form-data; boundary=x', data: '--x\r\nbroken' },
);
