import mongoose from 'mongoose';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';

export interface DatabaseHandle {
  kind: 'embedded' | 'mongodb' | 'none';
  uri?: string;
  close(): Promise<void>;
}

mongoose.set('strictQuery', true);
mongoose.set('sanitizeFilter', true);

/**
 * Connects mongoose: to MONGODB_URI when set, otherwise to the embedded engine started in this process.
 */
export async function connectDatabase(config: Config, logger: Logger): Promise<DatabaseHandle> {
  if (config.MONGODB_URI) {
    await mongoose.connect(config.MONGODB_URI, { serverSelectionTimeoutMS: 10_000 });
    logger.info('connected to MongoDB');
    return { kind: 'mongodb', uri: config.MONGODB_URI, close: () => mongoose.disconnect() };
  }
  // The embedded engine (server/src/db/embedded) starts here once it lands.
  logger.warn('MONGODB_URI is unset and the embedded engine is not available: running without a database');
  return { kind: 'none', close: async () => {} };
}
