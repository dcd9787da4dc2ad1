import { Query } from 'mingo';
import type { Options } from 'mingo/types';
import type { Document } from 'bson';
import { CommandError, badValue, unsupported } from '../errors.js';
import { isPlainObject, keyOf } from '../storage/keys.js';
import { equalityValues } from '../storage/planner.js';
import type { CollectionView } from '../storage/views.js';

/** Operators that would need JavaScript, text or geo indexes, or a server-side sink: refused by name. */
const UNSUPPORTED_OPERATORS = new Set([
  '$where',
  '$function',
  '$accumulator',
  '$text',
  '$near',
  '$nearSphere',
  '$geoWithin',
  '$geoIntersects',
  '$jsonSchema',
  '$meta',
]);

/** Options every mingo call shares: MongoDB semantics, no server-side JavaScript. */
export const mingoOptions: Partial<Options> = { scriptEnabled: false, useStrictMode: true, idKey: '_id' };

/** Throws MongoDB's error shape when an expression uses an operator outside the supported subset. */
export function checkOperators(expr: unknown, context: string): void {
  if (Array.isArray(expr)) {
    for (const item of expr) checkOperators(item, context);
    return;
  }
  if (!isPlainObject(expr)) return;
  for (const [key, value] of Object.entries(expr)) {
    if (UNSUPPORTED_OPERATORS.has(key)) throw unsupported(`The ${key} operator (in ${context})`);
    checkOperators(value, context);
  }
}

/** Validates a filter and returns a matcher for it. */
export function compileFilter(filter: unknown, context = 'filter'): Query {
  if (filter === undefined || filter === null) return new Query({}, mingoOptions);
  if (!isPlainObject(filter))
    throw new CommandError('TypeMismatch', `"${context}" had the wrong type. Expected object`);
  checkOperators(filter, context);
  try {
    return new Query(filter, mingoOptions);
  } catch (err) {
    throw badValue(err instanceof Error ? err.message : String(err));
  }
}

/** The documents of a view matching a filter, in natural order (index-assisted when possible). */
export function matchingDocuments(
  view: CollectionView,
  filter: Document | undefined,
  limit = 0,
  stats?: { examined: number },
): Document[] {
  const test = matcher(filter);
  const out: Document[] = [];
  for (const doc of view.candidates(filter ?? {})) {
    if (stats) stats.examined++;
    if (test(doc)) {
      out.push(doc);
      if (limit > 0 && out.length >= limit) break;
    }
  }
  return out;
}

/**
 * The test of a filter against one document. An equality on `_id` ({ _id: x } or { _id: { $in: [...] } }) is
 * tested by set membership of the canonical key, the rest by mingo: mingo's $in hashes the whole list for every
 * document, which made a lookup of a few hundred ids cost a few hundred times more than the lookup itself.
 */
function matcher(filter: Document | undefined): (doc: Document) => boolean {
  const query = compileFilter(filter);
  const ids = filter && !('$and' in filter) && '_id' in filter ? onlyEquality(filter._id) : null;
  if (!filter || !ids) return (doc) => query.test(doc);
  const { _id: _ignored, ...rest } = filter;
  const keys = new Set(ids.map(keyOf));
  const others = Object.keys(rest).length ? compileFilter(rest) : null;
  return (doc) => keys.has(keyOf(doc._id)) && (others === null || others.test(doc));
}

/** The values of a condition that is nothing but an indexable equality (a value, `$eq` or `$in` alone). */
function onlyEquality(condition: unknown): unknown[] | null {
  if (isPlainObject(condition)) {
    const operators = Object.keys(condition).filter((k) => k.startsWith('$'));
    if (operators.length > 0 && (operators.length !== 1 || Object.keys(condition).length !== 1)) return null;
  }
  return equalityValues(condition);
}

/** Refuses a collation other than the simple one: the engine compares strings by code point only. */
export function checkCollation(cmd: Document): void {
  const collation = cmd.collation;
  if (collation === undefined || collation === null) return;
  if (isPlainObject(collation) && collation.locale === 'simple') return;
  throw unsupported('Collation');
}

/** Reads an optional non-negative integer option. */
export function intOption(cmd: Document, field: string, fallback: number): number {
  const value = cmd[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new CommandError('TypeMismatch', `Field '${field}' must be numeric`);
  }
  return Math.trunc(value);
}

/** Reads the collection name a command targets (the value of its first field). */
export function collectionName(cmd: Document, command: string): string {
  const name = cmd[command];
  if (typeof name !== 'string' || name.length === 0) {
    throw new CommandError('InvalidNamespace', `collection name has invalid type ${typeof name}`);
  }
  return name;
}

/** Sorts documents by a sort spec with MongoDB's ordering rules (as mingo implements them). */
export function sortDocuments(docs: Document[], sort: unknown): Document[] {
  if (!isPlainObject(sort) || Object.keys(sort).length === 0) return docs;
  const spec: Record<string, 1 | -1> = {};
  for (const [field, dir] of Object.entries(sort)) {
    if (field === '$natural') {
      if (Number(dir) < 0) docs = [...docs].reverse();
      continue;
    }
    if (isPlainObject(dir)) throw unsupported(`Sorting by ${JSON.stringify(dir)}`);
    spec[field] = Number(dir) < 0 ? -1 : 1;
  }
  if (Object.keys(spec).length === 0) return docs;
  return new Query({}, mingoOptions).find(docs).sort(spec).all() as Document[];
}
