import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config/index.js';
import { createLogger } from './lib/logger.js';
import { DomainEvents } from './lib/events.js';
import { OutboxRelay } from './lib/outbox.js';
import { resolveSessionSecret } from './lib/secret.js';
import { DiskFileStorage } from './lib/storage/fileStorage.js';
import { connectDatabase } from './db/index.js';
import { createApp, type ModuleRoutes } from './app.js';
import type { AppContext } from './context.js';
import { subscribeAuditLog } from './modules/audit/subscriber.js';
import { subscribeNotifications } from './modules/notifications/subscribers.js';
import { dispatchEmails, logEmailSender } from './modules/notifications/email.js';
import { subscribeSavedSearches } from './modules/savedSearches/service.js';
import { ensureListingCounts, subscribeStatCounters } from './modules/stats/counting.js';
import { ensureMatchCounts } from './modules/stats/matchCounting.js';
import { attachRealtime } from './realtime/index.js';
import { JobScheduler } from './lib/jobs/scheduler.js';
import { sessionParts } from './modules/auth/session.js';
import { VERSION } from './version.js';
import { seedDemoIfEmpty } from './seed/demo.js';
import { createSearchEngine, EmbeddedSearchEngine } from './search/index.js';
import { SearchIndexer } from './search/indexer.js';
import { SearchReconciler } from './search/reconciler.js';
import { SearchSnapshots } from './search/snapshots.js';
import { SearchWriteMonitor } from './search/writeMonitor.js';
import { subscribeSearchIndexing } from './search/subscriber.js';
import { listingService } from './modules/listings/service.js';
import { matchDeadlines } from './modules/matching/overdue.js';

export interface RunningServer {
  ctx: AppContext;
  app: Express;
  http: Server;
  port: number;
  url: string;
  /** Stops accepting work, lets running work finish, then closes every resource in reverse order. */
  close(): Promise<void>;
}

/**
 * The boot order, shared by `npm start` and the test harness: config, database, search, http + realtime, workers.
 */
export async function startServer(
  config: Config,
  logger: Logger = createLogger(config.LOG_LEVEL),
  options: { extraModules?: ModuleRoutes[] } = {},
): Promise<RunningServer> {
  const dataDir = path.resolve(config.DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const sessionSecret = await resolveSessionSecret(config.SESSION_SECRET, dataDir);
  const events = new DomainEvents((err, event) =>
    logger.error({ err, event }, 'domain event subscriber failed'),
  );

  const database = await connectDatabase({ ...config, DATA_DIR: dataDir }, logger);

  if (config.SEED_DEMO && database.kind === 'embedded') await seedDemoIfEmpty(logger);
  // The statistics' counters of listings and matches: rebuilt when they do not cover them (a bulk load, an upgrade).
  if (database.kind !== 'none') {
    const rebuilt = [await ensureListingCounts(), await ensureMatchCounts()];
    if (rebuilt.some(Boolean)) logger.info('statistics counters rebuilt');
  }

  if (
    config.MEILI_HOST &&
    !config.MEILI_API_KEY &&
    config.MEILI_MASTER_KEY &&
    config.NODE_ENV === 'production'
  ) {
    logger.warn('the server calls Meilisearch with the master key: give it the key of `npm run meili:keys`');
  }
  const search = createSearchEngine(config);
  await search.ensureIndex();
  const reconciler = new SearchReconciler(search, logger);
  const indexer = new SearchIndexer(search, logger);
  // The embedded index lives in memory: read back from its snapshot (plus what changed since) or built anew.
  const snapshots =
    search instanceof EmbeddedSearchEngine ? new SearchSnapshots(search, dataDir, logger) : undefined;
  if (snapshots) {
    await snapshots.load(reconciler, indexer);
    snapshots.start();
  }

  const searchWrites = new SearchWriteMonitor(search, logger, (ids) => indexer.apply(ids));
  const ctx: AppContext = {
    config: { ...config, DATA_DIR: dataDir, SESSION_SECRET: sessionSecret },
    logger,
    version: VERSION,
    events,
    engines: {
      database: database.kind,
      search: search.engine,
      realtime: config.REDIS_URL ? 'redis' : 'memory',
    },
    storage: new DiskFileStorage(path.join(dataDir, 'files')),
    search,
    searchWrites,
  };
  searchWrites.start();
  subscribeAuditLog(ctx);
  subscribeNotifications(ctx);
  subscribeSavedSearches(ctx);
  subscribeSearchIndexing(ctx, indexer);
  subscribeStatCounters(ctx);
  // Every subscriber is in place: deliver what a crash left in the outbox now, then keep polling for it.
  const outbox = new OutboxRelay(events, logger);
  outbox.start();
  await outbox.kick();

  const app = createApp(ctx, options.extraModules);
  // Room for long query strings, so that an over-long search gets the API's 400 rather than a bare 431.
  const http = createServer({ maxHeaderSize: 128 * 1024 }, app);
  const realtime = await attachRealtime(ctx, http);
  ctx.engines.realtime = realtime.kind;

  const jobs = new JobScheduler(logger);
  const listings = listingService(ctx);
  const emailSender = logEmailSender(logger);
  jobs.add({ name: 'listings.expire', everyMs: 60_000, run: async () => void (await listings.expireDue()) });
  jobs.add({
    name: 'matches.deadlines',
    everyMs: 60_000,
    run: async () => void (await matchDeadlines(ctx)()),
  });
  jobs.add({
    name: 'email-outbox',
    everyMs: 5_000,
    run: async () => void (await dispatchEmails(emailSender)),
  });
  jobs.add({
    name: 'search.reconcile',
    everyMs: 5 * 60_000,
    run: async () => void (await reconciler.reconcile()),
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = http.address() as AddressInfo;

  return {
    ctx,
    app,
    http,
    port,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await jobs.stop();
      realtime.close();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await outbox.stop();
      await searchWrites.stop();
      await events.settle();
      await indexer.stop();
      await snapshots?.close();
      await realtime.dispose();
      await search.close();
      await sessionParts(ctx).store.close();
      await database.close();
    },
  };
}
