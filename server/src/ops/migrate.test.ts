import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient, type Document } from 'mongodb';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.js';
import { buildBase, buildOrganization, buildUser } from '../../test/factories.js';
import { startSharedDatabase, type ChildHandle } from '../../test/cluster/processes.js';
import { openEmbeddedSource } from './embeddedSource.js';
import { databaseOf, migrateToMongo } from './migrate.js';
import { EMBEDDED_DB_NAME } from '../db/index.js';

interface Contents {
  docs: Record<string, Document[]>;
  indexes: Record<string, Document[]>;
}

/** Every collection's documents (by _id) and indexes (without the version field), as the driver reads them. */
async function contents(uri: string, dbName: string): Promise<Contents> {
  const client = new MongoClient(uri);
  try {
    const db = client.db(dbName);
    const out: Contents = { docs: {}, indexes: {} };
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      if (name.startsWith('system.')) continue;
      out.docs[name] = await db.collection(name).find().sort({ _id: 1 }).toArray();
      out.indexes[name] = (await db.collection(name).listIndexes().toArray())
        .map(({ v: _v, ...spec }) => spec)
        .sort((a, b) => String(a.name).localeCompare(String(b.name)));
    }
    return out;
  } finally {
    await client.close();
  }
}

/** The target: a real MongoDB when MONGODB_URI is set (a fresh database), else an embedded engine of its own. */
async function startTarget(): Promise<{ uri: (db: string) => string; stop(): Promise<void> }> {
  const real = process.env.MONGODB_URI;
  if (real) {
    const made: string[] = [];
    return {
      uri: (db) => {
        made.push(db);
        return real.replace(/^(mongodb(?:\+srv)?:\/\/[^/]+)\/?[^?]*/, `$1/${db}`);
      },
      async stop() {
        const client = new MongoClient(real);
        for (const db of made) await client.db(db).dropDatabase();
        await client.close();
      },
    };
  }
  const engine: ChildHandle & { uri: string } = await startSharedDatabase();
  return { uri: (db) => engine.uri.replace('/resourcelink?', `/${db}?`), stop: () => engine.stop() };
}

describe('npm run migrate: the embedded database into MongoDB', () => {
  let work: string;
  let dataDir: string;
  let target: Awaited<ReturnType<typeof startTarget>>;

  beforeAll(async () => {
    if (!process.env.MONGODB_URI)
      console.log('migrate: target is a standalone embedded engine (MONGODB_URI unset)');
    work = await mkdtemp(path.join(tmpdir(), 'rl-migrate-test-'));
    dataDir = path.join(work, 'data');
    const server = await startTestServer({ MONGODB_URI: '' }, { dataDir });
    for (let i = 0; i < 3; i++) await buildOrganization(await buildUser({ role: 'organization' }));
    await buildBase();
    // mongoose builds the models' indexes in the background: let it finish, as a server running a while has.
    await Promise.all(mongoose.modelNames().map((name) => mongoose.model(name).init()));
    await server.stop();
    target = await startTarget();
  });

  afterAll(async () => {
    await target?.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('copies every collection with its documents and indexes, then refuses the now non-empty target', async () => {
    const source = await openEmbeddedSource(dataDir);
    const before = await contents(source.uri, EMBEDDED_DB_NAME).finally(() => source.close());
    expect(before.docs.users).toHaveLength(3);
    expect(before.indexes.users!.some((i) => i.unique)).toBe(true);

    const dbName = `migrated_${randomBytes(4).toString('hex')}`;
    const report = await migrateToMongo(dataDir, target.uri(dbName));
    expect(report.database).toBe(dbName);
    expect(report.collections.map((c) => c.name).sort()).toEqual(Object.keys(before.docs).sort());

    const after = await contents(target.uri(dbName), dbName);
    expect(after.docs).toEqual(before.docs);
    expect(after.indexes).toEqual(before.indexes);

    // The target enforces what the source did: a second user with a taken email is refused.
    const client = new MongoClient(target.uri(dbName));
    try {
      const taken = before.docs.users![0]!;
      await expect(
        client
          .db(dbName)
          .collection('users')
          .insertOne({ ...taken, _id: undefined }),
      ).rejects.toThrow(/E11000/);
    } finally {
      await client.close();
    }

    await expect(migrateToMongo(dataDir, target.uri(dbName))).rejects.toThrow(/is not empty/);
  });

  it('refuses while a server runs on the data directory', async () => {
    const server = await startTestServer({ MONGODB_URI: '' }, { dataDir });
    try {
      await expect(migrateToMongo(dataDir, target.uri('never_written'))).rejects.toThrow(/stop it first/);
    } finally {
      await server.stop();
    }
  });

  it('asks for the database name in the URI', () => {
    expect(databaseOf('mongodb://mongo:27017/resourcelink?replicaSet=rs0')).toBe('resourcelink');
    expect(databaseOf('mongodb+srv://u:p@cluster.example.org/rl')).toBe('rl');
    expect(() => databaseOf('mongodb://u:secret@mongo:27017/?replicaSet=rs0')).toThrow(/names no database/);
    expect(() => databaseOf('mongodb://u:secret@mongo:27017')).toThrow(/^(?!.*secret)/);
  });
});
