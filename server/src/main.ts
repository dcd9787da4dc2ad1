import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, ConfigError } from './config/index.js';
import { createLogger } from './lib/logger.js';
import { DomainEvents } from './lib/events.js';
import { connectDatabase } from './db/index.js';
import { createApp } from './app.js';
import type { AppContext } from './context.js';
import { VERSION } from './version.js';

/** Boot order: config, database, search, http + realtime, workers; then wait for SIGTERM. */
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
  const events = new DomainEvents((err, event) => logger.error({ err, event }, 'domain event subscriber failed'));

  const database = await connectDatabase(config, logger);

  const ctx: AppContext = {
    config,
    logger,
    version: VERSION,
    events,
    engines: { database: database.kind, search: 'none', realtime: config.REDIS_URL ? 'redis' : 'memory' },
  };

  const server = createServer(createApp(ctx));
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  const { port } = server.address() as AddressInfo;
  logger.info({ port }, `ResourceLink 资源链 is listening on http://localhost:${port}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await events.settle();
    await database.close();
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
