import { Query } from './mingo.js';
import type { Document } from 'bson';
import { CommandError, unsupported } from '../errors.js';
import { Catalog, validateNames, type StorageOp } from '../storage/catalog.js';
import { ID_INDEX, type Collection } from '../storage/collection.js';
import { normalizeIndexSpec, sameIndexOptions, type IndexSpec } from '../storage/indexes.js';
import { isPlainObject, keyOf } from '../storage/keys.js';
import type { CommandContext, CommandTable } from './context.js';
import { collectionName, mingoOptions } from './query.js';

const UNSUPPORTED_CREATE_OPTIONS = [
  'capped',
  'viewOn',
  'pipeline',
  'timeseries',
  'clusteredIndex',
  'collation',
  'changeStreamPreAndPostImages',
  'encryptedFields',
];
const IGNORED_CREATE_KEYS = new Set([
  'create',
  '$db',
  'lsid',
  '$clusterTime',
  'writeConcern',
  'comment',
  '$readPreference',
  'txnNumber',
  'autocommit',
  'validationLevel',
  'validationAction',
]);

/** Applies a DDL op to committed state and records it for the journal. */
function record(ctx: CommandContext, op: StorageOp): void {
  ctx.log.record(op);
}

function existing(ctx: CommandContext, name: string): Collection | undefined {
  return ctx.engine.catalog.collection(ctx.db, name);
}

function createCollection(ctx: CommandContext, name: string, options: Document = {}): Collection {
  validateNames(ctx.db, name);
  record(ctx, Catalog.createOp(ctx.db, name, options));
  return existing(ctx, name)!;
}

function indexSpecsOf(cmd: Document): Document[] {
  if (!Array.isArray(cmd.indexes) || cmd.indexes.length === 0) {
    throw new CommandError('BadValue', "Must specify at least one index to create ('indexes' array)");
  }
  return cmd.indexes as Document[];
}

function sameKey(a: IndexSpec, b: IndexSpec): boolean {
  return keyOf(a.key) === keyOf(b.key);
}

export const ddlCommands: CommandTable = {
  create: {
    kind: 'ddl',
    run(ctx, cmd) {
      const name = collectionName(cmd, 'create');
      for (const option of UNSUPPORTED_CREATE_OPTIONS)
        if (cmd[option]) throw unsupported(`The create option '${option}'`);
      if (isPlainObject(cmd.validator) && Object.keys(cmd.validator).length > 0)
        throw unsupported('Collection validators');
      if (existing(ctx, name)) {
        throw new CommandError('NamespaceExists', `Collection ${ctx.db}.${name} already exists.`);
      }
      const options: Document = {};
      for (const [k, v] of Object.entries(cmd))
        if (!IGNORED_CREATE_KEYS.has(k) && k !== 'validator') options[k] = v;
      createCollection(ctx, name, options);
      return { ok: 1 };
    },
  },
  drop: {
    kind: 'ddl',
    run(ctx, cmd) {
      const name = collectionName(cmd, 'drop');
      const coll = existing(ctx, name);
      if (!coll) return { ok: 1 };
      const nIndexesWas = coll.indexes.size + 1;
      record(ctx, { k: 'drop', ns: coll.ns });
      return { nIndexesWas, ns: coll.ns, ok: 1 };
    },
  },
  dropDatabase: {
    kind: 'ddl',
    run(ctx) {
      record(ctx, { k: 'dropDb', db: ctx.db });
      return { dropped: ctx.db, ok: 1 };
    },
  },
  listCollections: {
    kind: 'read',
    run(ctx, cmd) {
      const all = ctx.engine.catalog.collections(ctx.db).map((coll) => ({
        name: coll.name,
        type: 'collection',
        options: coll.options,
        info: { readOnly: false, uuid: coll.uuid },
        idIndex: ID_INDEX,
      }));
      let docs: Document[] = all;
      if (isPlainObject(cmd.filter) && Object.keys(cmd.filter).length > 0) {
        const query = new Query(cmd.filter, mingoOptions);
        docs = docs.filter((d) => query.test(d));
      }
      if (cmd.nameOnly) docs = docs.map((d) => ({ name: d.name, type: d.type }));
      const batchSize = isPlainObject(cmd.cursor) ? (cmd.cursor.batchSize as number | undefined) : undefined;
      return ctx.engine.cursors.first(`${ctx.db}.$cmd.listCollections`, docs, batchSize);
    },
  },
  createIndexes: {
    kind: 'ddl',
    run(ctx, cmd) {
      const name = collectionName(cmd, 'createIndexes');
      const specs = indexSpecsOf(cmd).map(normalizeIndexSpec);
      let coll = existing(ctx, name);
      const createdCollectionAutomatically = !coll;
      if (!coll) coll = createCollection(ctx, name);
      const numIndexesBefore = coll.indexes.size + 1;
      for (const spec of specs) {
        if (keyOf(spec.key) === keyOf(ID_INDEX.key)) continue;
        const sameName = coll.indexes.get(spec.name);
        if (sameName) {
          if (sameKey(sameName.spec, spec) && sameIndexOptions(sameName.spec, spec)) continue;
          throw new CommandError(
            sameKey(sameName.spec, spec) ? 'IndexOptionsConflict' : 'IndexKeySpecsConflict',
            `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName.spec)}`,
          );
        }
        const sameKeyIndex = [...coll.indexes.values()].find(
          (i) => sameKey(i.spec, spec) && sameIndexOptions(i.spec, spec),
        );
        if (sameKeyIndex) {
          throw new CommandError(
            'IndexOptionsConflict',
            `Index already exists with a different name: ${sameKeyIndex.spec.name}`,
          );
        }
        try {
          record(ctx, { k: 'index', ns: coll.ns, spec });
        } catch (err) {
          if (err instanceof CommandError && err.code === 11000) {
            throw new CommandError(
              'DuplicateKey',
              `Index build failed: ${coll.uuid.toHexString()}: Collection ${coll.ns} ( ${coll.uuid.toHexString()} ) :: caused by :: ${err.message}`,
              err.extra,
            );
          }
          throw err;
        }
      }
      const numIndexesAfter = coll.indexes.size + 1;
      const reply: Document = { numIndexesBefore, numIndexesAfter, createdCollectionAutomatically };
      if (numIndexesAfter === numIndexesBefore) reply.note = 'all indexes already exist';
      reply.ok = 1;
      return reply;
    },
  },
  listIndexes: {
    kind: 'read',
    run(ctx, cmd) {
      const name = collectionName(cmd, 'listIndexes');
      const view = ctx.view(name);
      if (!view.exists()) throw new CommandError('NamespaceNotFound', `ns does not exist: ${ctx.db}.${name}`);
      const batchSize = isPlainObject(cmd.cursor) ? (cmd.cursor.batchSize as number | undefined) : undefined;
      return ctx.engine.cursors.first(`${ctx.db}.${name}`, view.indexSpecs(), batchSize);
    },
  },
  dropIndexes: {
    kind: 'ddl',
    run(ctx, cmd) {
      const name = collectionName(cmd, 'dropIndexes');
      const coll = existing(ctx, name);
      if (!coll) throw new CommandError('NamespaceNotFound', `ns not found ${ctx.db}.${name}`);
      const nIndexesWas = coll.indexes.size + 1;
      const target = cmd.index;
      let names: string[];
      if (target === '*') names = [...coll.indexes.keys()];
      else if (typeof target === 'string') names = [target];
      else if (Array.isArray(target)) names = target.map(String);
      else if (isPlainObject(target)) {
        const found = [...coll.indexes.values()].find(
          (i) => keyOf(i.spec.key) === keyOf(normalizeIndexSpec({ key: target }).key),
        );
        if (!found) {
          if (keyOf(target) === keyOf(ID_INDEX.key))
            throw new CommandError('InvalidOptions', 'cannot drop _id index');
          throw new CommandError('IndexNotFound', `can't find index with key: ${JSON.stringify(target)}`);
        }
        names = [found.spec.name];
      } else
        throw new CommandError(
          'TypeMismatch',
          "'index' must be a string, an array of names or a key pattern",
        );
      if (names.includes('_id_')) throw new CommandError('InvalidOptions', 'cannot drop _id index');
      for (const n of names)
        if (!coll.indexes.has(n)) throw new CommandError('IndexNotFound', `index not found with name [${n}]`);
      for (const n of names) record(ctx, { k: 'dropIndex', ns: coll.ns, name: n });
      return { nIndexesWas, ok: 1 };
    },
  },
  dbStats: {
    kind: 'read',
    run(ctx) {
      const colls = ctx.engine.catalog.collections(ctx.db);
      const objects = colls.reduce((n, c) => n + c.docs.size, 0);
      const indexes = colls.reduce((n, c) => n + c.indexes.size + 1, 0);
      return { db: ctx.db, collections: colls.length, views: 0, objects, indexes, ok: 1 };
    },
  },
};
