import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config/index.js';
import { createLogger } from './lib/logger.js';
import { DomainEvents } from './lib/events.js';
import { OutboxRelay } from './lib/outbox.js';
import { StartPhases } from './lib/startPhases.js';
import { resolveSessionSecret } from './lib/secret.js';
import { DiskFileStorage } from './lib/storage/fileStorage.js';
import { connectDatabase, connectEmbeddedEngineAt } from './db/index.js';
import { createApp, type ModuleRoutes } from './app.js';
import type { AppContext } from './context.js';
import { subscribeAuditLog } from './modules/audit/subscriber.js';
import { subscribeNotifications } from './modules/notifications/subscribers.js';
import { dispatchEmails, logEmailSender } from './modules/notifications/email.js';
import { subscribeSavedSearches } from './modules/savedSearches/service.js';
import { subscribeStatCounters } from './modules/stats/counting.js';
import { ensureStatCounters } from './modules/stats/ensureCounters.js';
import { attachRealtime, type Realtime } from './realtime/index.js';
import { JobScheduler } from './lib/jobs/scheduler.js';
import { sessionParts } from './modules/auth/session.js';
import { VERSION } from './version.js';
import { seedDemoIfEmpty } from './seed/demo.js';
import { createSearchEngine, EmbeddedSearchEngine } from './search/index.js';
import { SearchIndexer } from './search/indexer.js';
import { SearchReconciler } from './search/reconciler.js';
import { SearchSnapshots } from './search/snapshots.js';
import { SearchWriteMonitor } from './search/writeMonitor.js';
import { RemoteSearchEngine } from './search/remote/engine.js';
import type { SearchHostAddress } from './search/remote/protocol.js';
import { subscribeSearchIndexing } from './search/subscriber.js';
import { listingService } from './modules/listings/service.js';
import { matchDeadlines } from './modules/matching/overdue.js';

export interface RunningServer {
  ctx: AppContext;
  app: Express;
  http: Server;
  /** The Socket.IO server on `http`. */
  io: Realtime['io'];
  port: number;
  url: string;
  /** Stops accepting work, lets running work finish, then closes every resource in reverse order. */
  close(): Promise<void>;
}

/** An HTTP worker of `WORKERS=n` (cluster/): what it runs on instead of resources of its own. */
export interface WorkerSetup {
  /** 1..n: the slot this worker fills (a replacement takes the slot of the worker it replaces). */
  id: number;
  /** The primary's embedded database engine (127.0.0.1, directConnection); absent with MONGODB_URI. */
  databaseUri?: string;
  /** The primary's search index; absent with Meilisearch, which every worker calls itself. */
  search?: SearchHostAddress;
}

/**
 * How long an idle kept-alive connection stays open (node's default: 5 s). A person pauses longer than 5 s
 * between clicks, so with the default nearly every call of a browser opened a new connection: with `WORKERS=n`
 * one more the primary accepts and hands to a worker, and a client reusing a connection just as the server
 * closed it met a reset. 65 s also outlasts a proxy's or load balancer's usual 60 s idle timeout, so that the
 * proxy, not this server, closes an idle upstream connection. The headers timeout stays above it, as node wants.
 */
const KEEP_ALIVE_MS = 65_000;

/** Names the worker that answered, in `WORKERS=n` mode only (tests, an operator's `curl -i`). */
const WORKER_HEADER = 'X-Worker';

/**
 * The boot order, shared by `npm start` and the test harness: config, database, search, http + realtime, workers.
 */
export async function startServer(
  config: Config,
  logger: Logger = createLogger(config.LOG_LEVEL),
  options: {
    extraModules?: ModuleRoutes[];
    /** Set in an HTTP worker of `WORKERS=n`: the primary holds the database, the index and the listening port. */
    worker?: WorkerSetup;
  } = {},
): Promise<RunningServer> {
  const { worker } = options;
  const phases = new StartPhases();
  const dataDir = path.resolve(config.DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const sessionSecret = await resolveSessionSecret(config.SESSION_SECRET, dataDir);
  const events = new DomainEvents((err, event) =>
    logger.error({ err, event }, 'domain event subscriber failed'),
  );

  const search = worker?.search ? new RemoteSearchEngine(worker.search) : createSearchEngine(config);
  // The embedded index lives in memory: read back from its snapshot (plus what changed since) or built anew. The
  // snapshot's file is read while the database opens; nothing of it is used before the database is open.
  const snapshots =
    search instanceof EmbeddedSearchEngine ? new SearchSnapshots(search, dataDir, logger) : undefined;
  snapshots?.prefetch();

  // The engine's indexes other than unique ones are built once the server listens (queries scan until then).
  const database = worker?.databaseUri
    ? await connectEmbeddedEngineAt(worker.databaseUri, logger)
    : await connectDatabase({ ...config, DATA_DIR: dataDir }, logger, { deferIndexes: true });
  phases.end('database');

  // A worker's primary has seeded and counted before forking it.
  if (!worker && config.SEED_DEMO && database.kind === 'embedded') await seedDemoIfEmpty(logger);
  phases.end('seed');
  if (!worker && database.kind !== 'none' && (await ensureStatCounters()))
    logger.info('statistics counters rebuilt');
  phases.end('counters');

  if (
    config.MEILI_HOST &&
    !config.MEILI_API_KEY &&
    config.MEILI_MASTER_KEY &&
    config.NODE_ENV === 'production'
  ) {
    logger.warn('the server calls Meilisearch with the master key: give it the key of `npm run meili:keys`');
  }
  await search.ensureIndex();
  phases.end('search.open');
  const reconciler = new SearchReconciler(search, logger);
  const indexer = new SearchIndexer(search, logger);
  if (snapshots) {
    await snapshots.load(reconciler, indexer, phases);
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
  phases.end('outbox');

  const app = createApp(ctx, options.extraModules);
  // Room for long query strings, so that an over-long search gets the API's 400 rather than a bare 431.
  const named: RequestListener = (req, res) => {
    res.setHeader(WORKER_HEADER, String(worker!.id));
    app(req, res);
  };
  const http = createServer(
    { maxHeaderSize: 128 * 1024, keepAliveTimeout: KEEP_ALIVE_MS, headersTimeout: KEEP_ALIVE_MS + 1_000 },
    worker ? named : app,
  );
  phases.end('app');
  const realtime = await attachRealtime(ctx, http, { cluster: !!worker });
  // The Socket.IO handshake and websocket upgrade answers name the worker too.
  if (worker)
    realtime.io.engine.on('headers', (headers: Record<string, string>) => {
      headers[WORKER_HEADER] = String(worker.id);
    });
  ctx.engines.realtime = realtime.kind;
  phases.end('realtime');

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
  // The primary's index is repaired by the primary, which holds it.
  if (!(search instanceof RemoteSearchEngine))
    jobs.add({
      name: 'search.reconcile',
      everyMs: 5 * 60_000,
      run: async () => void (await reconciler.reconcile()),
    });
  // In a worker of `WORKERS=n` this listens through node:cluster: the primary holds the port and deals the
  // connections out; from here on this worker gets its share.
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  phases.end('listen');
  logger.info({ start: phases.summary() }, 'start phases');
  // In the background, a slice at a time; it stops when the engine closes.
  const indexesFrom = performance.now();
  void database
    .buildIndexes?.()
    .then(() => logger.info({ ms: Math.round(performance.now() - indexesFrom) }, 'database indexes built'))
    .catch((err: unknown) =>
      logger.error({ err }, 'building the database indexes failed; queries scan instead'),
    );

  return {
    ctx,
    app,
    http,
    io: realtime.io,
    port,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await jobs.stop();
      realtime.close();
      await new Promise<void>((resolve) => {
        if (!http.listening) resolve();
        else http.close(() => resolve());
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
