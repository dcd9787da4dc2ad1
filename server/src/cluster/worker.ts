import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import { warmTextRelevance } from '../modules/matching/textMatch.js';
import { startServer } from '../server.js';
import { readyMessage, workerSetupFromEnv } from './roles.js';

/**
 * An HTTP worker of `WORKERS=n`: today's server on the primary's database and index, listening on PORT through
 * node:cluster (the primary deals it connections in turn once it listens). Stops on SIGTERM (from the primary) or
 * when the primary is gone.
 */
export async function runWorker(config: Config, logger: Logger): Promise<void> {
  const setup = workerSetupFromEnv();
  const log = logger.child({ worker: setup.id });
  // jieba's dictionary and the IDF table, before this worker listens (its first recommendation would pay
  // them); they load while the connection to the primary's database is being opened.
  setImmediate(warmTextRelevance);
  const server = await startServer(config, log, { worker: setup });
  process.send?.(readyMessage(server.port));

  let stopping = false;
  const shutdown = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'worker stopping');
    setTimeout(() => process.exit(1), 10_000).unref();
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // Ctrl-C reaches the whole process group: the primary stops the workers in order.
  process.on('SIGINT', () => {});
  process.on('disconnect', () => void shutdown('the primary is gone'));
}
