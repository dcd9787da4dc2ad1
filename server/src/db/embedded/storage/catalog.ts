import { UUID, type Document } from 'bson';
import { CommandError } from '../errors.js';
import { encodeDocument, type StoredBytes } from './bsonBytes.js';
import { Collection } from './collection.js';
import type { IndexSpec } from './indexes.js';
import { keyOf } from './keys.js';

/**
 * A change to committed state: what the journal records and what replay applies. A put carries its document's
 * BSON bytes once applied (encoded once: stored, and journaled as they are).
 */
export type StorageOp =
  | { k: 'put'; ns: string; doc: Document; bytes?: StoredBytes }
  | { k: 'del'; ns: string; id: unknown }
  | { k: 'create'; ns: string; options: Document; uuid: string }
  | { k: 'drop'; ns: string }
  | { k: 'index'; ns: string; spec: IndexSpec }
  | { k: 'dropIndex'; ns: string; name: string }
  | { k: 'dropDb'; db: string };

/** Splits `db.collection` (collection names may contain dots; database names may not). */
export function splitNs(ns: string): [string, string] {
  const dot = ns.indexOf('.');
  return [ns.slice(0, dot), ns.slice(dot + 1)];
}

const INVALID_DB = /[/\\. "$\0]/;

export function validateNames(db: string, coll?: string): void {
  if (!db || INVALID_DB.test(db) || db.length > 63) {
    throw new CommandError('InvalidNamespace', `Invalid database name: '${db}'`);
  }
  if (
    coll !== undefined &&
    (!coll || coll.includes('$') || coll.includes('\0') || coll.startsWith('system.'))
  ) {
    throw new CommandError('InvalidNamespace', `Invalid collection name: '${coll}'`);
  }
}

/** All databases and collections of committed state. Every change goes through apply(). */
export class Catalog {
  private readonly dbs = new Map<string, Map<string, Collection>>();

  collection(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  collections(db: string): Collection[] {
    return [...(this.dbs.get(db)?.values() ?? [])];
  }

  databases(): string[] {
    return [...this.dbs.keys()].filter((db) => (this.dbs.get(db)?.size ?? 0) > 0);
  }

  allCollections(): Collection[] {
    return [...this.dbs.values()].flatMap((colls) => [...colls.values()]);
  }

  /** Applies one op to committed state. Validation (uniqueness, existence) happens before, in the command. */
  apply(op: StorageOp): void {
    switch (op.k) {
      case 'put':
        this.require(op.ns).put((op.bytes ??= encodeDocument(op.doc)), op.doc);
        return;
      case 'del':
        this.require(op.ns).remove(keyOf(op.id));
        return;
      case 'create': {
        const [db, name] = splitNs(op.ns);
        let colls = this.dbs.get(db);
        if (!colls) this.dbs.set(db, (colls = new Map()));
        if (!colls.has(name)) colls.set(name, new Collection(db, name, op.options, new UUID(op.uuid)));
        return;
      }
      case 'drop': {
        const [db, name] = splitNs(op.ns);
        this.dbs.get(db)?.delete(name);
        return;
      }
      case 'index': {
        const coll = this.require(op.ns);
        if (!coll.indexes.has(op.spec.name)) coll.addIndex(op.spec);
        return;
      }
      case 'dropIndex':
        this.require(op.ns).dropIndex(op.name);
        return;
      case 'dropDb':
        this.dbs.delete(op.db);
        return;
    }
  }

  /** Stores a document's bytes as they are (replaying the journal, taking back a write). */
  putStored(ns: string, bytes: StoredBytes): void {
    this.require(ns).put(bytes);
  }

  private require(ns: string): Collection {
    const [db, name] = splitNs(ns);
    const coll = this.collection(db, name);
    if (!coll) throw new CommandError('NamespaceNotFound', `ns does not exist: ${ns}`);
    return coll;
  }

  /** A create op for a collection that does not exist yet. */
  static createOp(db: string, name: string, options: Document = {}): StorageOp {
    return { k: 'create', ns: `${db}.${name}`, options, uuid: new UUID().toHexString() };
  }
}
