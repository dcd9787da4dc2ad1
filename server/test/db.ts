import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { startEmbeddedEngine } from '../src/db/embedded/index.js';

mongoose.set('strictQuery', true);
mongoose.set('sanitizeFilter', true);

export interface TestDatabase {
  /** 'embedded' (an in-memory engine of this test file) or 'mongodb' (MONGODB_URI, a fresh database). */
  kind: 'embedded' | 'mongodb';
  uri: string;
  dbName: string;
  /** Deletes every document of every collection, keeping collections and indexes (e.g. in beforeEach). */
  clear(): Promise<void>;
  /** Disconnects mongoose and stops the engine (or drops the database on a real MongoDB). */
  stop(): Promise<void>;
}

async function clearCollections(): Promise<void> {
  const db = mongoose.connection.db;
  if (!db) return;
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  await Promise.all(collections.map((c) => db.collection(c.name).deleteMany({})));
}

/**
 * Connects the default mongoose connection to a database of its own for this test file: an in-memory embedded
 * engine on an ephemeral port, or, when `target` is 'mongodb' (default: whenever MONGODB_URI is set), a
 * uniquely named database on that server.
 */
export async function startTestDatabase(
  target: 'embedded' | 'mongodb' = process.env.MONGODB_URI ? 'mongodb' : 'embedded',
): Promise<TestDatabase> {
  const dbName = `test_${randomBytes(6).toString('hex')}`;
  if (target === 'mongodb') {
    const uri = process.env.MONGODB_URI;
    if (!uri) throw new Error('startTestDatabase("mongodb") needs MONGODB_URI');
    await mongoose.connect(uri, { dbName, serverSelectionTimeoutMS: 10_000 });
    return {
      kind: 'mongodb',
      uri,
      dbName,
      clear: clearCollections,
      async stop() {
        await mongoose.connection.dropDatabase().catch(() => {});
        await mongoose.disconnect();
      },
    };
  }
  const engine = await startEmbeddedEngine();
  await mongoose.connect(engine.uri, { dbName, serverSelectionTimeoutMS: 5_000 });
  return {
    kind: 'embedded',
    uri: engine.uri,
    dbName,
    clear: clearCollections,
    async stop() {
      await mongoose.disconnect();
      await engine.close();
    },
  };
}
