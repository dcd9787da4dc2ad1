import { loadConfig, ConfigError } from './config/index.js';
import { createLogger } from './lib/logger.js';
import { startServer } from './server.js';
import { demoLoginBanner } from './seed/demo.js';

/** `npm start`: boot, print where to go, and stop cleanly on SIGTERM or SIGINT. */
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
