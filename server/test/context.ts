import { pino } from 'pino';
import { loadConfig } from '../src/config/index.js';
import { DomainEvents } from '../src/lib/events.js';
import type { AppContext } from '../src/context.js';
import { DiskFileStorage } from '../src/lib/storage/fileStorage.js';
import { createSearchEngine } from '../src/search/index.js';

/** An AppContext without a server, for tests that call services directly (cluster tests): overrides on top. */
export function buildTestContext(
  overrides: Partial<AppContext> = {},
  env: NodeJS.ProcessEnv = {},
): AppContext {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_DEMO: 'false', ...env });
  const logger = pino({ level: 'silent' });
  return {
    config,
    logger,
    version: 'test',
    events: new DomainEvents((err) => {
      throw err;
    }),
    engines: { database: 'none', search: 'none', realtime: 'memory' },
    storage: new DiskFileStorage(config.DATA_DIR),
    search: createSearchEngine({}),
    ...overrides,
  };
}
