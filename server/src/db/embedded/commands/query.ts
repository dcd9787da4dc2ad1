import { Query, mingoOptions } from './mingo.js';
import type { Document } from 'bson';
import { CommandError, badValue, unsupported } from '../errors.js';
import { TRUE, UNDECIDED, filterTest } from './filterTest.js';
import { compare } from 'mingo/util';
import { MISSING, isPlainObject, valuesAtPath } from '../storage/keys.js';
import {
  FieldSelection,
  decodeDocument,
  filterFields,
  isStored,
  readFields,
  wholeDocument,
  type Candidate,
} from '../storage/bsonBytes.js';
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

export { mingoOptions };

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

/** Tests documents against a filter. */
export interface Matcher {
  test(doc: Document): boolean;
}

/**
 * A matcher for a filter: the fast test (`filterTest.ts`) when the filter is one it knows, asking a mingo Query,
 * compiled the first time it is needed, for the values the fast test leaves undecided; else the compiled Query.
 */
export function filterMatcher(filter: Document | undefined): Matcher {
  const fast = filter === undefined ? filterTest({}) : isPlainObject(filter) ? filterTest(filter) : null;
  if (!fast) return compileFilter(filter);
  let query: Query | undefined;
  return {
    test(doc) {
      const answer = fast(doc);
      if (answer !== UNDECIDED) return answer === TRUE;
      query ??= compileFilter(filter);
      return query.test(doc);
    },
  };
}

/**
 * A document matching a filter: as stored (its bytes, or a transaction's own object) and the fields that were
 * read to test it (the filter's top-level fields and any asked for; the whole document when `whole`).
 */
export interface Match {
  stored: Candidate;
  fields: Document;
  whole: boolean;
}

/** The whole document of a match (decoded from its bytes unless it was already). */
export function wholeOf(match: Match): Document {
  return match.whole ? match.fields : wholeDocument(match.stored);
}

/**
 * The documents of a view matching a filter, in natural order (index-assisted when possible). A stored document is
 * tested on the fields the filter reads, decoded from its bytes alone (the whole document only when the filter
 * may read any field, e.g. `$expr`); `also` names more top-level fields to read (a sort's).
 */
export function matchingStored(
  view: CollectionView,
  filter: Document | undefined,
  limit = 0,
  stats?: { examined: number },
  also: Iterable<string> = [],
): Match[] {
  // The _id map answers `{ _id: v }` and `{ _id: { $in: [...] } }` exactly: no need to compile the filter and
  // test each document again.
  const query = isExactIdLookup(filter) ? undefined : filterMatcher(filter);
  const names = query ? filterFields(filter) : new Set<string>();
  let selection: FieldSelection | null = null;
  if (names) {
    for (const name of also) names.add(name);
    selection = new FieldSelection(names);
  }
  const out: Match[] = [];
  for (const doc of view.candidates(filter ?? {})) {
    if (stats) stats.examined++;
    const stored = isStored(doc);
    const fields = !stored ? doc : selection ? readFields(doc, selection) : decodeDocument(doc);
    if (!query || query.test(fields)) {
      out.push({ stored: doc, fields, whole: !stored || selection === null });
      if (limit > 0 && out.length >= limit) break;
    }
  }
  return out;
}

/** The whole documents of a view matching a filter, in natural order (see matchingStored). */
export function matchingDocuments(
  view: CollectionView,
  filter: Document | undefined,
  limit = 0,
  stats?: { examined: number },
): Document[] {
  return matchingStored(view, filter, limit, stats).map(wholeOf);
}

/** A filter on `_id` alone by plain values or `$eq`/`$in` of plain values (not null, arrays, regexes or objects). */
function isExactIdLookup(filter: Document | undefined): boolean {
  if (!filter) return false;
  const keys = Object.keys(filter);
  if (keys.length !== 1 || keys[0] !== '_id') return false;
  const plain = (v: unknown) =>
    v !== null && v !== undefined && !Array.isArray(v) && !(v instanceof RegExp) && !isPlainObject(v);
  const condition = filter._id;
  if (plain(condition)) return true;
  if (!isPlainObject(condition)) return false;
  const ops = Object.keys(condition);
  if (ops.length !== 1) return false;
  if (ops[0] === '$eq') return plain(condition.$eq);
  return ops[0] === '$in' && Array.isArray(condition.$in) && condition.$in.every(plain);
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

/**
 * The value a document sorts by for one field: an array sorts by its smallest element ascending and its largest
 * descending, an empty array before null, a missing field as null (MongoDB's rules).
 */
function sortValue(doc: Document, path: string, direction: 1 | -1): unknown {
  const values = valuesAtPath(doc, path).map((v) => (v === MISSING ? null : v));
  if (values.length === 1) return values[0];
  let best = values[0];
  for (const v of values.slice(1)) if (compare(v, best) * direction < 0) best = v;
  return best;
}

/** The top-level fields a sort spec reads. */
export function sortFields(sort: unknown): string[] {
  if (!isPlainObject(sort)) return [];
  return Object.keys(sort)
    .filter((field) => field !== '$natural')
    .map((field) => field.split('.')[0]!);
}

/** Sorts documents by a sort spec (stable, so ties keep natural order). */
export function sortDocuments(docs: Document[], sort: unknown): Document[] {
  return sortBy(docs, sort, (doc) => doc);
}

/** Sorts items by a sort spec applied to the document `docOf` gives for each (stable). */
export function sortBy<T>(docs: T[], sort: unknown, docOf: (item: T) => Document): T[] {
  if (!isPlainObject(sort) || Object.keys(sort).length === 0) return docs;
  const fields: Array<[string, 1 | -1]> = [];
  for (const [field, dir] of Object.entries(sort)) {
    if (field === '$natural') {
      if (Number(dir) < 0) docs = [...docs].reverse();
      continue;
    }
    if (isPlainObject(dir)) throw unsupported(`Sorting by ${JSON.stringify(dir)}`);
    fields.push([field, Number(dir) < 0 ? -1 : 1]);
  }
  if (fields.length === 0) return docs;
  const keyed = docs.map((doc, i) => ({
    doc,
    i,
    keys: fields.map(([f, d]) => sortValue(docOf(doc), f, d)),
  }));
  keyed.sort((a, b) => {
    for (let k = 0; k < fields.length; k++) {
      const order = compare(a.keys[k], b.keys[k]) * fields[k]![1];
      if (order !== 0) return order;
    }
    return a.i - b.i;
  });
  return keyed.map((entry) => entry.doc);
}
