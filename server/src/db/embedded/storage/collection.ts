import { UUID, type Document } from 'bson';
import {
  FieldSelection,
  decodeDocument,
  filterFields,
  idKeyOf,
  readFields,
  type StoredBytes,
} from './bsonBytes.js';
import { Index, duplicateKeyError, type IndexSpec } from './indexes.js';
import { keyOf } from './keys.js';

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/** How index keys are read from stored bytes: the fields the indexes name, or (null) the whole document. */
function indexReader(indexes: Iterable<Index>): FieldSelection | null {
  const fields = new Set<string>();
  for (const index of indexes) {
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
  /** `_id` key to the document's BSON bytes. */
  readonly docs = new Map<string, StoredBytes>();
  readonly indexes = new Map<string, Index>();
  readonly uuid: UUID;
  /** The fields the indexes read (null: the whole document), worked out again when the indexes change. */
  private reader?: FieldSelection | null;

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

  /** Stores a document without maintaining indexes (opening a snapshot: they are built afterwards). */
  load(bytes: StoredBytes): void {
    this.docs.set(idKeyOf(bytes), bytes);
  }

  remove(id: string): void {
    const old = this.docs.get(id);
    if (!old) return;
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
   * they name; E11000 as addIndex.
   */
  addIndexes(specs: IndexSpec[]): void {
    const built = specs.map((spec) => new Index(spec));
    const fields = indexReader(built);
    for (const [id, bytes] of this.docs) {
      const view = fields ? readFields(bytes, fields) : decodeDocument(bytes);
      for (const index of built) {
        const conflict = index.addUnlessConflict(id, view);
        if (conflict) throw duplicateKeyError(this.ns, index.spec, conflict.values);
      }
    }
    for (const index of built) this.indexes.set(index.spec.name, index);
    this.reader = undefined;
  }

  dropIndex(name: string): void {
    this.indexes.delete(name);
    this.reader = undefined;
  }

  /** Every index as listIndexes shows it, `_id_` first. */
  indexSpecs(): IndexSpec[] {
    return [ID_INDEX, ...[...this.indexes.values()].map((i) => i.spec)];
  }
}
