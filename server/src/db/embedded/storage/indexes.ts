import { Query } from 'mingo';
import type { Document } from 'bson';
import { CommandError, unsupported } from '../errors.js';
import { MISSING, isPlainObject, keyOf, valuesAtPath } from './keys.js';
import { formatValue } from './format.js';

/** An index as MongoDB lists it (listIndexes). */
export interface IndexSpec {
  v: 2;
  key: Record<string, number>;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
}

/** One entry a document contributes to an index: its hash key and the field values behind it. */
interface IndexEntry {
  key: string;
  values: unknown[];
}

const MAX_KEYS_PER_DOCUMENT = 10_000;

/** Validates a createIndexes spec and normalizes it to what listIndexes shows. */
export function normalizeIndexSpec(raw: Document): IndexSpec {
  if (!isPlainObject(raw.key) || Object.keys(raw.key).length === 0) {
    throw new CommandError('CannotCreateIndex', "Index spec needs a non-empty 'key' document");
  }
  const key: Record<string, number> = {};
  for (const [field, direction] of Object.entries(raw.key)) {
    if (typeof direction === 'string') throw unsupported(`Index type '${direction}' (on field '${field}')`);
    const n = Number(direction);
    if (!Number.isFinite(n) || n === 0) {
      throw new CommandError(
        'CannotCreateIndex',
        `Values in the index key pattern can't be 0 or non-numeric: ${field}`,
      );
    }
    key[field] = n > 0 ? 1 : -1;
  }
  if (raw.collation) throw unsupported('Index collation');
  const name = typeof raw.name === 'string' ? raw.name : defaultIndexName(key);
  const spec: IndexSpec = { v: 2, key, name };
  if (raw.unique) spec.unique = true;
  if (raw.sparse) spec.sparse = true;
  if (raw.partialFilterExpression !== undefined) {
    if (!isPlainObject(raw.partialFilterExpression)) {
      throw new CommandError('CannotCreateIndex', 'partialFilterExpression must be an object');
    }
    spec.partialFilterExpression = raw.partialFilterExpression;
  }
  if (raw.expireAfterSeconds !== undefined) {
    const seconds = Number(raw.expireAfterSeconds);
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new CommandError('CannotCreateIndex', 'expireAfterSeconds must be a non-negative number');
    }
    if (Object.keys(key).length !== 1)
      throw new CommandError('CannotCreateIndex', 'TTL indexes are single-field indexes');
    spec.expireAfterSeconds = seconds;
  }
  return spec;
}

/** MongoDB's default index name: field_direction pairs joined by underscores. */
export function defaultIndexName(key: Record<string, number>): string {
  return Object.entries(key)
    .map(([field, dir]) => `${field}_${dir}`)
    .join('_');
}

/** Whether two specs describe the same index options (used to answer createIndexes idempotently). */
export function sameIndexOptions(a: IndexSpec, b: IndexSpec): boolean {
  return (
    !!a.unique === !!b.unique &&
    !!a.sparse === !!b.sparse &&
    a.expireAfterSeconds === b.expireAfterSeconds &&
    keyOf(a.partialFilterExpression ?? null) === keyOf(b.partialFilterExpression ?? null)
  );
}

/** A secondary index: a hash map from key to the ids of the documents holding it. */
export class Index {
  readonly fields: string[];
  private readonly entries = new Map<string, string | Set<string>>();
  /**
   * A compound index's documents by the value of its first field alone (with how many entries each holds), so
   * that equality on that field is answered from the index, as MongoDB answers a prefix of a compound index.
   */
  private readonly byFirstField?: Map<string, Map<string, number>>;
  private readonly partial?: Query;

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    if (this.fields.length > 1) this.byFirstField = new Map();
    if (spec.partialFilterExpression) this.partial = new Query(spec.partialFilterExpression);
  }

  get usableForEquality(): boolean {
    return !this.partial;
  }

  /** The entries a document contributes; empty when the document is not indexed (sparse or partial). */
  entriesFor(doc: Document): IndexEntry[] {
    if (this.partial && !this.partial.test(doc)) return [];
    const perField = this.fields.map((f) => valuesAtPath(doc, f));
    if (this.spec.sparse && perField.every((vals) => vals.every((v) => v === MISSING))) return [];
    let combos: unknown[][] = [[]];
    for (const vals of perField) {
      const distinct = dedupe(vals.map((v) => (v === MISSING ? null : v)));
      const next: unknown[][] = [];
      for (const combo of combos) for (const v of distinct) next.push([...combo, v]);
      combos = next;
      if (combos.length > MAX_KEYS_PER_DOCUMENT) {
        throw new CommandError(
          'CannotCreateIndex',
          `index ${this.spec.name} would generate too many keys for one document`,
        );
      }
    }
    return combos.map((values) => ({ key: this.keyFor(values), values }));
  }

  /** The hash key for one tuple of field values. */
  keyFor(values: unknown[]): string {
    return values.length === 1 ? keyOf(values[0]) : JSON.stringify(values.map(keyOf));
  }

  add(id: string, doc: Document): void {
    for (const { key, values } of this.entriesFor(doc)) {
      const held = this.entries.get(key);
      if (held === undefined) this.entries.set(key, id);
      else if (typeof held === 'string') {
        if (held !== id) this.entries.set(key, new Set([held, id]));
      } else held.add(id);
      if (this.byFirstField) {
        const first = keyOf(values[0]);
        const ids = this.byFirstField.get(first) ?? new Map<string, number>();
        ids.set(id, (ids.get(id) ?? 0) + 1);
        this.byFirstField.set(first, ids);
      }
    }
  }

  remove(id: string, doc: Document): void {
    for (const { key, values } of this.entriesFor(doc)) {
      const held = this.entries.get(key);
      if (held === id) this.entries.delete(key);
      else if (held instanceof Set) {
        held.delete(id);
        if (held.size === 1) this.entries.set(key, held.values().next().value as string);
        else if (held.size === 0) this.entries.delete(key);
      }
      const ids = this.byFirstField?.get(keyOf(values[0]));
      if (ids) {
        const n = (ids.get(id) ?? 0) - 1;
        if (n > 0) ids.set(id, n);
        else ids.delete(id);
        if (ids.size === 0) this.byFirstField!.delete(keyOf(values[0]));
      }
    }
  }

  /** Whether lookupFirstField answers (a compound index). */
  get hasFirstFieldLookup(): boolean {
    return this.byFirstField !== undefined;
  }

  /** Ids of documents whose first indexed field holds the value with this key (compound indexes only). */
  lookupFirstField(valueKey: string): Iterable<string> {
    return this.byFirstField?.get(valueKey)?.keys() ?? [];
  }

  /** Ids of documents holding a key. */
  lookup(key: string): Iterable<string> {
    const held = this.entries.get(key);
    if (held === undefined) return [];
    return typeof held === 'string' ? [held] : held;
  }

  /**
   * For a unique index, the first entry of `doc` already held by another document that `isLive` accepts
   * (the transaction overlay hides documents it has replaced or deleted).
   */
  findConflict(doc: Document, selfId: string, isLive: (id: string) => boolean): IndexEntry | undefined {
    if (!this.spec.unique) return undefined;
    for (const entry of this.entriesFor(doc)) {
      for (const other of this.lookup(entry.key)) {
        if (other !== selfId && isLive(other)) return entry;
      }
    }
    return undefined;
  }

  clear(): void {
    this.entries.clear();
    this.byFirstField?.clear();
  }
}

function dedupe(values: unknown[]): unknown[] {
  if (values.length < 2) return values;
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = keyOf(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The E11000 error MongoDB raises, with its wording, keyPattern and keyValue. */
export function duplicateKeyError(ns: string, spec: IndexSpec, values: unknown[]): CommandError {
  const fields = Object.keys(spec.key);
  const keyValue: Document = {};
  fields.forEach((f, i) => (keyValue[f] = values[i] ?? null));
  const shown = fields.map((f, i) => `${f}: ${formatValue(values[i] ?? null)}`).join(', ');
  return new CommandError(
    'DuplicateKey',
    `E11000 duplicate key error collection: ${ns} index: ${spec.name} dup key: { ${shown} }`,
    { keyPattern: { ...spec.key }, keyValue },
  );
}
