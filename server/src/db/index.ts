import path from 'node:path';
import mongoose from 'mongoose';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import { startEmbeddedEngine } from './embedded/index.js';

export interface DatabaseHandle {
  kind: 'embedded' | 'mongodb' | 'none';
  uri?: string;
  close(): Promise<void>;
}

/** The database the application uses inside the embedded engine. */
export const EMBEDDED_DB_NAME = 'resourcelink';

mongoose.set('strictQuery', true);
mongoose.set('sanitizeFilter', true);

/**
 * Connects mongoose to an embedded engine that another process of this machine runs (the primary of
 * `WORKERS=n`): the same database as in that process, which alone opens and closes the engine.
 */
export async function connectEmbeddedEngineAt(uri: string, logger: Logger): Promise<DatabaseHandle> {
  await mongoose.connect(uri, { dbName: EMBEDDED_DB_NAME, serverSelectionTimeoutMS: 10_000 });
  logger.debug("connected to the primary process's embedded database engine");
  return { kind: 'embedded', uri, close: () => mongoose.disconnect() };
}

/**
 * Connects mongoose: to MONGODB_URI when set, otherwise to the embedded engine started in this process
 * (data under DATA_DIR/db).
 */
export async function connectDatabase(config: Config, logger: Logger): Promise<DatabaseHandle> {
  if (config.MONGODB_URI) {
    await mongoose.connect(config.MONGODB_URI, { serverSelectionTimeoutMS: 10_000 });
    logger.info('connected to MongoDB');
    return { kind: 'mongodb', uri: config.MONGODB_URI, close: () => mongoose.disconnect() };
  }
  const dataDir = path.resolve(config.DATA_DIR, 'db');
  const engine = await startEmbeddedEngine({ dataDir, warn: (message) => logger.warn(message) });
  try {
    await mongoose.connect(engine.uri, { dbName: EMBEDDED_DB_NAME, serverSelectionTimeoutMS: 10_000 });
  } catch (err) {
    await engine.close();
    throw err;
  }
  logger.info({ dataDir, port: engine.port }, 'embedded database engine started');
  return {
    kind: 'embedded',
    uri: engine.uri,
    async close() {
      await mongoose.disconnect();
      await engine.close();
    },
  };
}
