import { Query } from '../commands/mingo.js';
import type { Document } from 'bson';
import { CommandError, unsupported } from '../errors.js';
import { MISSING, isPlainObject, keyOf, valuesAtParts } from './keys.js';
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

/**
 * A secondary index: a hash map from key to the ids of the documents holding it. A compound index also maps its
 * first field alone, so equality on that prefix is answered too; unless it is unique, that prefix map is all it
 * keeps: equality on every field is answered from the prefix's documents, keeping those whose key matches (a
 * full-key map would cost an entry per document for keys such as `{ ownerId: 1, createdAt: -1 }` that queries
 * pin by their first field).
 */
export class Index {
  /**
   * False while the index waits to be built (opened with deferred indexes: Collection.addIndexes): no query uses
   * it and no write maintains it until then, as it holds nothing yet.
   */
  built = true;
  readonly fields: string[];
  private readonly paths: string[][];
  /** Full key to holders: single-field and unique indexes (a unique one checks its full keys). */
  private readonly entries?: Holders;
  private readonly prefix?: Holders;
  private readonly partial?: Query;

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    this.paths = this.fields.map((f) => f.split('.'));
    const compound = this.fields.length > 1;
    if (!compound || spec.unique) this.entries = new Map();
    if (compound) this.prefix = new Map();
    if (spec.partialFilterExpression) this.partial = new Query(spec.partialFilterExpression);
  }

  get usableForEquality(): boolean {
    return this.built && !this.partial;
  }

  /** The entries a document contributes; empty when the document is not indexed (sparse or partial). */
  entriesFor(doc: Document): IndexEntry[] {
    if (this.partial && !this.partial.test(doc)) return [];
    const perField = this.paths.map((parts) => valuesAtParts(doc, parts));
    if (this.spec.sparse && perField.every((vals) => vals.every((v) => v === MISSING))) return [];
    // The usual case, one value per field (no array on the path): one entry.
    if (perField.every((vals) => vals.length === 1)) {
      const values = perField.map(([v]) => (v === MISSING ? null : v));
      return [{ key: this.keyFor(values), values }];
    }
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
    if (this.built) this.hold(id, this.entriesFor(doc));
  }

  /**
   * Adds a document unless it collides in a unique index; returns the colliding entry then (building an index
   * over stored documents: one pass over each document's entries).
   */
  addUnlessConflict(id: string, doc: Document): IndexEntry | undefined {
    const entries = this.entriesFor(doc);
    if (this.spec.unique) {
      for (const entry of entries) for (const other of this.lookup(entry.key)) if (other !== id) return entry;
    }
    this.hold(id, entries);
    return undefined;
  }

  remove(id: string, doc: Document): void {
    if (!this.built) return;
    const entries = this.entriesFor(doc);
    if (this.entries) for (const { key } of entries) release(this.entries, key, id);
    if (this.prefix) for (const key of prefixKeys(entries)) release(this.prefix, key, id);
  }

  private hold(id: string, entries: IndexEntry[]): void {
    if (this.entries) for (const { key } of entries) hold(this.entries, key, id);
    if (this.prefix) for (const key of prefixKeys(entries)) hold(this.prefix, key, id);
  }

  /** Ids of documents holding a full key: single-field and unique indexes (see `lookupValues` for any). */
  lookup(key: string): Iterable<string> {
    return this.entries ? held(this.entries, key) : [];
  }

  /** Ids of documents holding one value per field; `docOf` reads a stored document (a compound index's filter). */
  lookupValues(values: unknown[], docOf: (id: string) => Document | undefined): Iterable<string> {
    const key = this.keyFor(values);
    if (this.entries) return held(this.entries, key);
    const found: string[] = [];
    for (const id of held(this.prefix!, keyOf(values[0]))) {
      const doc = docOf(id);
      if (doc && this.entriesFor(doc).some((e) => e.key === key)) found.push(id);
    }
    return found;
  }

  /** For a compound index, ids of documents whose first field holds `value`; null for single-field ones. */
  lookupPrefix(value: unknown): Iterable<string> | null {
    return this.prefix ? held(this.prefix, keyOf(value)) : null;
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
}

/** Key to the id (or ids) of the documents holding it. */
type Holders = Map<string, string | Set<string>>;

function hold(map: Holders, key: string, id: string): void {
  const current = map.get(key);
  if (current === undefined) map.set(key, id);
  else if (typeof current === 'string') {
    if (current !== id) map.set(key, new Set([current, id]));
  } else current.add(id);
}

function release(map: Holders, key: string, id: string): void {
  const current = map.get(key);
  if (current === id) map.delete(key);
  else if (current instanceof Set) {
    current.delete(id);
    if (current.size === 1) map.set(key, current.values().next().value as string);
    else if (current.size === 0) map.delete(key);
  }
}

function held(map: Holders, key: string): Iterable<string> {
  const current = map.get(key);
  if (current === undefined) return [];
  return typeof current === 'string' ? [current] : current;
}

function prefixKeys(entries: IndexEntry[]): Iterable<string> {
  if (entries.length === 1) return [keyOf(entries[0]!.values[0])];
  return new Set(entries.map((e) => keyOf(e.values[0])));
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
