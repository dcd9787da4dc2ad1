/**
 * `npm run reindex`: rebuilds the search index from the database, with a progress bar. With Meilisearch the new
 * index is built beside the live one and swapped in atomically. The embedded index lives in the server's memory
 * and is rebuilt at every start, so this command reports what a rebuild indexes and how long it takes.
 */
import { SingleBar, Presets } from 'cli-progress';
import { pino } from 'pino';
import { loadConfig } from '../server/src/config/index.js';
import { connectDatabase } from '../server/src/db/index.js';
import { ListingModel } from '../server/src/modules/listings/model.js';
import { createSearchEngine } from '../server/src/search/index.js';
import { SearchReconciler } from '../server/src/search/reconciler.js';

const config = loadConfig();
const logger = pino({ level: 'warn' });
const database = await connectDatabase(config, logger);
const search = createSearchEngine(config);
try {
  await search.ensureIndex();
  const total = await ListingModel.countDocuments({ status: 'open' });
  const bar = new SingleBar(
    { format: ' indexing [{bar}] {value}/{total} open listings  {eta_formatted} left', hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  const started = performance.now();
  const indexed = await new SearchReconciler(search, logger).rebuild((n) => bar.update(n));
  bar.update(indexed);
  bar.stop();
  const stats = await search.stats();
  console.log(
    `${search.engine} index "${stats.index}": ${stats.documents} documents, rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
} finally {
  await search.close();
  await database.close();
}
