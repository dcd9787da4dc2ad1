import { existsSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedEngine } from '../db/embedded/index.js';
import { readAddress } from '../db/embedded/durability/address.js';
import { OpsError } from './errors.js';

/** An embedded database to read from: the engine of a running server, or the data directory opened here. */
export interface EmbeddedSource {
  uri: string;
  /** The process whose engine serves it, when a server (or a standalone engine) runs on the directory. */
  runningPid?: number;
  close(): Promise<void>;
}

/** `<DATA_DIR>/db`, where the embedded engine keeps its snapshot and journal. */
export const embeddedDbDir = (dataDir: string): string => path.join(dataDir, 'db');

/**
 * Reaches the embedded database of `dataDir`: through the running engine when there is one (found by the address
 * file it publishes), otherwise by opening the directory in this process (which locks it meanwhile).
 */
export async function openEmbeddedSource(dataDir: string): Promise<EmbeddedSource> {
  const dir = embeddedDbDir(dataDir);
  if (!existsSync(dir)) {
    throw new OpsError(`${dataDir} holds no embedded database (no ${dir}): check DATA_DIR`);
  }
  const running = readAddress(dir);
  if (running) return { uri: running.uri, runningPid: running.pid, close: async () => {} };
  const engine = await startEmbeddedEngine({ dataDir: dir });
  return { uri: engine.uri, close: () => engine.close() };
}
