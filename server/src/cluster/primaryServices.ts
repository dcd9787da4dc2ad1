import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import { connectDatabase } from '../db/index.js';
import { resolveSessionSecret } from '../lib/secret.js';
import { seedDemoIfEmpty } from '../seed/demo.js';
import { ensureStatCounters } from '../modules/stats/ensureCounters.js';
import { EmbeddedSearchEngine } from '../search/index.js';
import { SearchIndexer } from '../search/indexer.js';
import { SearchReconciler } from '../search/reconciler.js';
import { SearchSnapshots } from '../search/snapshots.js';
import { serveSearch } from '../search/remote/host.js';
import { SEARCH_HOST_ENV } from '../search/remote/protocol.js';
import { WORKER_ENV } from './roles.js';

/** How often the primary repairs drift between its index and the database (a worker's job when on its own). */
const RECONCILE_EVERY_MS = 5 * 60_000;

export interface PrimaryServices {
  /** What every worker is started with (roles.ts). */
  workerEnv: Record<string, string>;
  /** After the workers stopped: the last snapshot of the index, then the database engine. */
  close(): Promise<void>;
}

/**
 * What the primary of `WORKERS=n` holds for its workers on the embedded defaults: the database engine (on
 * DATA_DIR, journaled, on 127.0.0.1 only) and the one search index (read back from its snapshot or built,
 * snapshotted in the background, reconciled), served to the workers over the search RPC. With MONGODB_URI the
 * database is elsewhere; with MEILI_HOST so is the index, and the workers call Meilisearch themselves.
 */
export async function startPrimaryServices(config: Config, logger: Logger): Promise<PrimaryServices> {
  const dataDir = path.resolve(config.DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  // Resolved once here, so that the workers do not race to make the secret's file.
  const sessionSecret = await resolveSessionSecret(config.SESSION_SECRET, dataDir);
  const search = config.MEILI_HOST ? undefined : new EmbeddedSearchEngine();
  const snapshots = search && new SearchSnapshots(search, dataDir, logger);
  snapshots?.prefetch(); // read while the database opens
  // Its indexes other than unique ones are built in the background once the index is loaded (server.ts).
  const database = await connectDatabase({ ...config, DATA_DIR: dataDir }, logger, { deferIndexes: true });
  const buildIndexes = () =>
    void database.buildIndexes?.().catch((err: unknown) => {
      logger.error({ err }, 'building the database indexes failed; queries scan instead');
    });
  const workerEnv: Record<string, string> = { SESSION_SECRET: sessionSecret, DATA_DIR: dataDir };
  if (database.kind === 'embedded') workerEnv[WORKER_ENV.databaseUri] = database.uri!;

  if (config.SEED_DEMO && database.kind === 'embedded') await seedDemoIfEmpty(logger);
  if (database.kind !== 'none' && (await ensureStatCounters())) logger.info('statistics counters rebuilt');

  if (!search || !snapshots) {
    buildIndexes();
    return { workerEnv, close: () => database.close() };
  }
  await search.ensureIndex();
  const reconciler = new SearchReconciler(search, logger);
  const indexer = new SearchIndexer(search, logger);
  await snapshots.load(reconciler, indexer);
  snapshots.start();
  const host = await serveSearch(search, logger);
  workerEnv[SEARCH_HOST_ENV.url] = host.url;
  workerEnv[SEARCH_HOST_ENV.token] = host.token;
  buildIndexes(); // while the workers start

  let reconciling: Promise<unknown> | undefined;
  const reconcile = setInterval(() => {
    reconciling ??= reconciler
      .reconcile()
      .catch((err: unknown) => logger.error({ err }, 'search reconciliation failed'))
      .finally(() => (reconciling = undefined));
  }, RECONCILE_EVERY_MS);
  reconcile.unref();

  return {
    workerEnv,
    async close() {
      clearInterval(reconcile);
      await reconciling;
      await host.close();
      await indexer.stop();
      await snapshots.close();
      await search.close();
      await database.close();
    },
  };
}
