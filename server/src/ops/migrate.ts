import { MongoClient, type Db, type Document, type IndexDescription } from 'mongodb';
import type { IndexSpec } from '../db/embedded/storage/indexes.js';
import { EMBEDDED_DB_NAME } from '../db/index.js';
import { readAddress } from '../db/embedded/durability/address.js';
import { embeddedDbDir, openEmbeddedSource } from './embeddedSource.js';
import { OpsError } from './errors.js';
import { readConsistentSnapshot } from './snapshotStream.js';

const BATCH = 1000;

export interface MigratedCollection {
  name: string;
  documents: number;
  indexes: string[];
  /** It has a TTL index: the target may already have expired some of what was copied. */
  expiring: boolean;
}

export interface MigrationReport {
  database: string;
  collections: MigratedCollection[];
}

/** The database a MongoDB connection string names (its path), which the server uses as MONGODB_URI too. */
export function databaseOf(uri: string): string {
  const name = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]*)/.exec(uri)?.[1];
  if (!name) {
    throw new OpsError(
      `${uri.replace(/\/\/[^@]*@/, '//…@')} names no database: put it in the path, e.g. mongodb://mongo:27017/resourcelink?replicaSet=rs0 (the servers then use the same MONGODB_URI)`,
    );
  }
  return decodeURIComponent(name);
}

/** An index as createIndexes takes it: the embedded engine's listIndexes shape, minus the version. */
function indexDescription(spec: IndexSpec): IndexDescription {
  const { v: _v, ...rest } = spec;
  return rest as IndexDescription;
}

async function requireEmptyTarget(db: Db): Promise<void> {
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((name) => !name.startsWith('system.'));
  if (names.length > 0) {
    const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');
    throw new OpsError(
      `the target database ${db.databaseName} is not empty (it holds ${shown}): migrate only into an empty database`,
    );
  }
}

/**
 * Copies every collection of the embedded database in `dataDir` (stopped: a write made during the copy would be
 * lost) with its indexes into the database `targetUri` names, which must be empty. Indexes are made before the
 * documents go in, so the target enforces from the first document what the embedded engine enforced.
 */
export async function migrateToMongo(
  dataDir: string,
  targetUri: string,
  progress: (collection: string, copied: number, total: number) => void = () => {},
): Promise<MigrationReport> {
  const database = databaseOf(targetUri);
  const running = readAddress(embeddedDbDir(dataDir));
  if (running) {
    throw new OpsError(
      `a server (process ${running.pid}) is running on ${dataDir}: stop it first, so that no write made during the copy is lost`,
    );
  }
  const target = new MongoClient(targetUri, { serverSelectionTimeoutMS: 10_000 });
  await target.connect();
  const source = await openEmbeddedSource(dataDir).catch(async (err: unknown) => {
    await target.close();
    throw err;
  });
  try {
    const db = target.db(database);
    await requireEmptyTarget(db);
    const collections: MigratedCollection[] = [];
    let current: MigratedCollection | undefined;
    let total = 0;
    let batch: Document[] = [];
    const flush = async () => {
      if (!current || batch.length === 0) return;
      await db.collection(current.name).insertMany(batch, { ordered: true });
      current.documents += batch.length;
      batch = [];
      progress(current.name, current.documents, total);
    };
    await readConsistentSnapshot(source.uri, {
      async collection(meta) {
        await flush();
        current = undefined;
        if (!meta.ns.startsWith(`${EMBEDDED_DB_NAME}.`)) return;
        const name = meta.ns.slice(EMBEDDED_DB_NAME.length + 1);
        await db.createCollection(name, meta.options as Document);
        const indexes = meta.indexes.filter((i) => i.name !== '_id_');
        if (indexes.length > 0) await db.collection(name).createIndexes(indexes.map(indexDescription));
        current = {
          name,
          documents: 0,
          indexes: meta.indexes.map((i) => i.name),
          expiring: meta.indexes.some((i) => i.expireAfterSeconds !== undefined),
        };
        total = meta.count;
        collections.push(current);
        progress(name, 0, total);
      },
      async doc(_ns, doc) {
        if (!current) return;
        batch.push(doc);
        if (batch.length >= BATCH) await flush();
      },
    });
    await flush();
    for (const c of collections) {
      const found = await db.collection(c.name).countDocuments();
      if (found !== c.documents && !(c.expiring && found < c.documents))
        throw new OpsError(`${c.name}: ${c.documents} copied but ${found} found in the target`);
    }
    return { database, collections };
  } finally {
    await source.close();
    await target.close();
  }
}
