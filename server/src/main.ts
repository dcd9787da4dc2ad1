import cluster from 'node:cluster';
import { loadConfig, ConfigError } from './config/index.js';
import { runPrimary } from './cluster/primary.js';
import { runWorker } from './cluster/worker.js';
import { createLogger } from './lib/logger.js';
import { startServer } from './server.js';
import { demoLoginBanner } from './seed/demo.js';

/**
 * `npm start`: boot, print where to go, and stop cleanly on SIGTERM or SIGINT. With WORKERS=n (n >= 2) this
 * process becomes the primary of n HTTP workers (cluster/), each of which runs this file again as a worker.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  if (config.WORKERS > 1) {
    if (cluster.isPrimary) await runPrimary(config, logger);
    else await runWorker(config, logger);
    if (cluster.isPrimary && config.SEED_DEMO && !config.MONGODB_URI) console.log(`\n${demoLoginBanner()}\n`);
    return;
  }
  const server = await startServer(config, logger);
  logger.info({ port: server.port }, `ResourceLink 资源链 is running at http://localhost:${server.port}`);
  if (config.SEED_DEMO && server.ctx.engines.database === 'embedded') console.log(`\n${demoLoginBanner()}\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), 10_000).unref();
    await server.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
