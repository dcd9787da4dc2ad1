import { UUID, type Document } from 'bson';
import {
  FieldSelection,
  decodeDocument,
  filterFields,
  idKeyOf,
  readFields,
  type StoredBytes,
} from './bsonBytes.js';
import { DocumentMap } from './documentMap.js';
import { Index, duplicateKeyError, type IndexSpec } from './indexes.js';
import { keyOf } from './keys.js';

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/**
 * How index keys are read from stored bytes: the fields the indexes name, or (null) the whole document. Unbuilt
 * indexes are left out unless `unbuilt` (nothing reads their keys before they are built).
 */
function indexReader(indexes: Iterable<Index>, unbuilt = false): FieldSelection | null {
  const fields = new Set<string>();
  for (const index of indexes) {
    if (!index.built && !unbuilt) continue;
    for (const field of index.fields) fields.add(field.split('.')[0]!);
    if (index.spec.partialFilterExpression && !filterFields(index.spec.partialFilterExpression, fields))
      return null;
  }
  return new FieldSelection(fields);
}

/**
 * The committed documents of one collection as their BSON bytes, keyed by the canonical key of `_id` (the `_id`
 * index), plus its secondary indexes. Stored bytes are never mutated: a write replaces them.
 */
export class Collection {
  /** `_id` key to the document's BSON bytes (those read from the snapshot file kept as their offset in it). */
  readonly docs = new DocumentMap();
  readonly indexes = new Map<string, Index>();
  readonly uuid: UUID;
  /** The fields the indexes read (null: the whole document), worked out again when the indexes change. */
  private reader?: FieldSelection | null;
  /** The deferred index being built a slice at a time (`buildStep`), and the documents it has still to read. */
  private building?: { index: Index; fields: FieldSelection | null; rest: Iterator<[string, StoredBytes]> };

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Document = {},
    uuid?: UUID,
  ) {
    this.uuid = uuid ?? new UUID();
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  /** The stored bytes of a document. */
  get(id: string): StoredBytes | undefined {
    return this.docs.get(id);
  }

  /** The fields of a stored document its indexes read (the whole document when a partial filter needs it). */
  indexView(bytes: StoredBytes): Document {
    if (this.reader === undefined) this.reader = indexReader(this.indexes.values());
    const fields = this.reader;
    return fields ? readFields(bytes, fields) : decodeDocument(bytes);
  }

  /** Raises E11000 if `doc` (stored under `id`) would collide in a unique index. */
  checkUnique(doc: Document, id: string, isLive: (id: string) => boolean = () => true): void {
    for (const index of this.indexes.values()) {
      const conflict = index.findConflict(doc, id, isLive);
      if (conflict) throw duplicateKeyError(this.ns, index.spec, conflict.values);
    }
  }

  /**
   * Stores a document (insert or replace) and maintains the indexes; uniqueness was checked before. `doc` is its
   * decoded form when the caller has it (else the index keys are read from the bytes).
   */
  put(bytes: StoredBytes, doc?: Document): void {
    if (this.building) this.finishBuilding();
    const id = doc ? keyOf(doc._id) : idKeyOf(bytes);
    const old = this.docs.get(id);
    if (this.indexes.size > 0) {
      const oldView = old && this.indexView(old);
      const view = doc ?? this.indexView(bytes);
      for (const index of this.indexes.values()) {
        if (oldView) index.remove(id, oldView);
        index.add(id, view);
      }
    }
    this.docs.set(id, bytes);
  }

  /**
   * Stores a document read from the snapshot file (a view of its bytes) without maintaining indexes: they are
   * built afterwards.
   */
  load(bytes: StoredBytes): void {
    this.docs.setFromFile(idKeyOf(bytes), bytes);
  }

  remove(id: string): void {
    const old = this.docs.get(id);
    if (!old) return;
    if (this.building) this.finishBuilding();
    if (this.indexes.size > 0) {
      const view = this.indexView(old);
      for (const index of this.indexes.values()) index.remove(id, view);
    }
    this.docs.delete(id);
  }

  /** Builds a new index over the existing documents; E11000 if a unique one finds duplicates. */
  addIndex(spec: IndexSpec): void {
    this.addIndexes([spec]);
  }

  /**
   * Builds new indexes in one pass over the documents (opening a snapshot), reading from each only the fields
   * they name; E11000 as addIndex. With `defer` (opening a data directory for a server), only the unique ones
   * are built now (writes check them, and duplicates refuse the file at once); the others are added unbuilt, for
   * `buildStep` to build later: until then queries scan instead of using them (the same answers) and writes
   * skip them (the build reads the documents as they are then).
   */
  addIndexes(specs: IndexSpec[], options: { defer?: boolean } = {}): void {
    const indexes = specs.map((spec) => new Index(spec));
    const now = indexes.filter((index) => !options.defer || index.spec.unique);
    const fields = indexReader(now, true);
    for (const [id, bytes] of now.length ? this.docs : []) {
      const view = fields ? readFields(bytes, fields) : decodeDocument(bytes);
      for (const index of now) {
        const conflict = index.addUnlessConflict(id, view);
        if (conflict) throw duplicateKeyError(this.ns, index.spec, conflict.values);
      }
    }
    for (const index of indexes) {
      index.built = now.includes(index);
      this.indexes.set(index.spec.name, index);
    }
    this.reader = undefined;
  }

  /** Whether some index waits to be built. */
  get hasUnbuiltIndexes(): boolean {
    for (const index of this.indexes.values()) if (!index.built) return true;
    return false;
  }

  /**
   * Builds the next unbuilt index over up to `docs` more documents; true while one remains unbuilt. A write
   * meanwhile finishes the index under way first (`finishBuilding`), so the documents a build has still to read
   * never change under it.
   */
  buildStep(docs: number): boolean {
    if (!this.building) {
      const index = [...this.indexes.values()].find((i) => !i.built);
      if (!index) return false;
      this.building = { index, fields: indexReader([index], true), rest: this.docs.entries() };
    }
    const { index, fields, rest } = this.building;
    for (let n = 0; n < docs; n++) {
      const next = rest.next();
      if (next.done) {
        index.built = true;
        this.building = undefined;
        this.reader = undefined;
        return this.hasUnbuiltIndexes;
      }
      const [id, bytes] = next.value;
      index.addUnlessConflict(id, fields ? readFields(bytes, fields) : decodeDocument(bytes));
    }
    return true;
  }

  /** Builds the rest of the index under way now. */
  private finishBuilding(): void {
    while (this.building) this.buildStep(Number.MAX_SAFE_INTEGER);
  }

  dropIndex(name: string): void {
    if (this.building?.index.spec.name === name) this.building = undefined;
    this.indexes.delete(name);
    this.reader = undefined;
  }

  /** Every index as listIndexes shows it, `_id_` first. */
  indexSpecs(): IndexSpec[] {
    return [ID_INDEX, ...[...this.indexes.values()].map((i) => i.spec)];
  }
}
