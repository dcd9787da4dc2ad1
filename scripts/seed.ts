/**
 * `npm run seed -- --listings 100000 [--seed 42]`: generated accounts, organizations and listings (the seeded
 * generator in server/src/seed/generate) stored in the database of this configuration (DATA_DIR or MONGODB_URI).
 * With the embedded database run it while the server is stopped; the server builds its search index at start.
 * With Meilisearch the index is rebuilt here.
 */
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { pino } from 'pino';
import { loadConfig } from '../server/src/config/index.js';
import { connectDatabase } from '../server/src/db/index.js';
import { loadDataset } from '../server/src/seed/loadDataset.js';
import { createSearchEngine } from '../server/src/search/index.js';
import { SearchReconciler } from '../server/src/search/reconciler.js';
import { countsForListings, generateDataset, DEFAULT_PASSWORD } from '../server/src/seed/generate/generate.js';

const { values } = parseArgs({
  options: { listings: { type: 'string', default: '2000' }, seed: { type: 'string', default: '42' } },
});
const listings = Number(values.listings);
if (!Number.isInteger(listings) || listings < 1 || listings > 2_000_000) {
  console.error('--listings must be a whole number from 1 to 2,000,000');
  process.exit(2);
}

const config = loadConfig();
const logger = pino({ level: 'warn' });
const started = performance.now();
const data = generateDataset({ seed: values.seed!, ...countsForListings(listings), now: new Date() });
console.log(
  `generated ${data.users.length} accounts, ${data.organizations.length} organizations, ${data.listings.length} listings`,
);

const database = await connectDatabase(config, logger);
const bar = new SingleBar(
  { format: ' {stage} [{bar}] {value}/{total}', hideCursor: true },
  Presets.shades_classic,
);
let stage = '';
try {
  await loadDataset(data, (name, done, total) => {
    if (name !== stage) {
      if (stage) bar.stop();
      stage = name;
      bar.start(total, 0, { stage: name.padEnd(13) });
    }
    bar.update(done);
  });
  bar.stop();
  if (config.MEILI_HOST) {
    const search = createSearchEngine(config);
    await search.ensureIndex();
    const indexed = await new SearchReconciler(search, logger).rebuild();
    console.log(`search index rebuilt: ${indexed} open listings`);
    await search.close();
  }
  console.log(
    `done in ${((performance.now() - started) / 1000).toFixed(1)} s; every generated account's password is ${DEFAULT_PASSWORD}`,
  );
} finally {
  await database.close();
}
