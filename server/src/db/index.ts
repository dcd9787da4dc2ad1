import path from 'node:path';
import mongoose from 'mongoose';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import { startEmbeddedEngine } from './embedded/index.js';

export interface DatabaseHandle {
  kind: 'embedded' | 'mongodb' | 'none';
  uri?: string;
  /**
   * The embedded engine opened with `deferIndexes`: builds the indexes it left unbuilt, in the background (call
   * once the server takes requests); resolves when they are built.
   */
  buildIndexes?(): Promise<void>;
  close(): Promise<void>;
}

/** The database the application uses inside the embedded engine. */
export const EMBEDDED_DB_NAME = 'resourcelink';

/**
 * The driver's pool of connections to the embedded engine: the driver's default of 100, on purpose. A larger pool
 * (1,000) helped at 1,000 users only while the engine ran transactions one at a time: then writes held their
 * connections waiting for the transaction lock, and reads (every call's session lookup) queued behind them for a
 * free connection. Transactions now run together, so a connection is held only while the engine works on its
 * command (and a write's journal flush); measured after that change on a busy shared machine (docs/benchmarks/load.md
 * and docs/benchmarks/transactions.md), pools of 500 and 100 gave the same figures, and beyond 100 commands in
 * flight the engine's one thread is the queue, wherever the waiting happens. A separate pool for session reads
 * would buy nothing either, for the same reason.
 */
const EMBEDDED_POOL_SIZE = 100;

mongoose.set('strictQuery', true);
mongoose.set('sanitizeFilter', true);

/**
 * Connects mongoose to an embedded engine that another process of this machine runs (the primary of
 * `WORKERS=n`): the same database as in that process, which alone opens and closes the engine.
 */
export async function connectEmbeddedEngineAt(uri: string, logger: Logger): Promise<DatabaseHandle> {
  await mongoose.connect(uri, {
    dbName: EMBEDDED_DB_NAME,
    serverSelectionTimeoutMS: 10_000,
    maxPoolSize: EMBEDDED_POOL_SIZE,
  });
  logger.debug("connected to the primary process's embedded database engine");
  return { kind: 'embedded', uri, close: () => mongoose.disconnect() };
}

/**
 * Connects mongoose: to MONGODB_URI when set, otherwise to the embedded engine started in this process
 * (data under DATA_DIR/db). `deferIndexes`: the engine opens without building its indexes other than unique ones
 * (see EmbeddedEngineOptions); `buildIndexes()` builds them.
 */
export async function connectDatabase(
  config: Config,
  logger: Logger,
  options: { deferIndexes?: boolean } = {},
): Promise<DatabaseHandle> {
  if (config.MONGODB_URI) {
    await mongoose.connect(config.MONGODB_URI, { serverSelectionTimeoutMS: 10_000 });
    logger.info('connected to MongoDB');
    return { kind: 'mongodb', uri: config.MONGODB_URI, close: () => mongoose.disconnect() };
  }
  const dataDir = path.resolve(config.DATA_DIR, 'db');
  const engine = await startEmbeddedEngine({
    dataDir,
    warn: (message) => logger.warn(message),
    deferIndexes: options.deferIndexes,
  });
  try {
    await mongoose.connect(engine.uri, {
      dbName: EMBEDDED_DB_NAME,
      serverSelectionTimeoutMS: 10_000,
      maxPoolSize: EMBEDDED_POOL_SIZE,
    });
  } catch (err) {
    await engine.close();
    throw err;
  }
  logger.info({ dataDir, port: engine.port }, 'embedded database engine started');
  return {
    kind: 'embedded',
    uri: engine.uri,
    buildIndexes: () => engine.buildIndexes(),
    async close() {
      await mongoose.disconnect();
      await engine.close();
    },
  };
}
