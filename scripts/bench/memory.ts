/**
 * `npm run bench -- memory [listings=100000]`: where an embedded deployment's memory goes, in one process. After
 * each part is loaded (and two full garbage collections), the resident set, the V8 heap and the memory outside it
 * (typed arrays, buffers): the process with the server's modules loaded, jieba's dictionary, the embedded database
 * holding the generated data, the search index built from it, and the same after a warm-up of searches. Also
 * prints a hash of the answers to a fixed set of searches (server/test/searchAnswers.ts), so that two versions of
 * the index can be shown to answer alike on the same data.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import mongoose from 'mongoose';
import { startEmbeddedEngine } from '../../server/src/db/embedded/index.js';
import { jieba } from '../../server/src/lib/text/tokenizer.js';
import { countsForListings, generateDataset } from '../../server/src/seed/generate/generate.js';
import { loadDataset } from '../../server/src/seed/loadDataset.js';
import { EmbeddedSearchEngine } from '../../server/src/search/embedded/engine.js';
import { SearchReconciler } from '../../server/src/search/reconciler.js';
import { pino } from 'pino';
import { answerQueries, hashAnswers } from '../../server/test/searchAnswers.js';
import { round } from './lib/stats.js';

const listings = Number(process.argv[2] ?? 100_000);
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);
function usage() {
  gc();
  gc();
  const m = process.memoryUsage();
  return {
    rss: mb(m.rss),
    heap: mb(m.heapUsed),
    outside_heap: mb(m.external),
    array_buffers: mb(m.arrayBuffers),
  };
}

async function main() {
  const steps: Record<string, ReturnType<typeof usage> & { ms?: number }> = {};
  steps.modules = usage();
  jieba();
  steps.jieba = usage();

  const engine = await startEmbeddedEngine();
  await mongoose.connect(engine.uri, { dbName: 'resourcelink' });
  let t0 = performance.now();
  await loadDataset(
    generateDataset({ seed: 'bench', ...countsForListings(listings), now: new Date('2026-12-01T00:00:00Z') }),
  );
  steps.database = { ...usage(), ms: round(performance.now() - t0, 0) };

  const search = new EmbeddedSearchEngine();
  await search.ensureIndex();
  t0 = performance.now();
  const indexed = await new SearchReconciler(search, pino({ level: 'silent' })).rebuild();
  steps.index = { ...usage(), ms: round(performance.now() - t0, 0) };

  const answers = await hashAnswers(search, { portable: true });
  t0 = performance.now();
  for (let round = 0; round < 10; round++) for (const q of answerQueries) await search.search(q);
  const searchMs = (performance.now() - t0) / (10 * answerQueries.length);
  steps.searched = usage();

  const delta = (a: keyof typeof steps, b: keyof typeof steps) => ({
    rss: round(steps[b]!.rss - steps[a]!.rss, 1),
    heap: round(steps[b]!.heap - steps[a]!.heap, 1),
    outside_heap: round(steps[b]!.outside_heap - steps[a]!.outside_heap, 1),
  });
  console.log(
    JSON.stringify({
      bench: 'memory',
      n: listings,
      indexed,
      steps,
      parts: {
        jieba: delta('modules', 'jieba'),
        database: delta('jieba', 'database'),
        index: delta('database', 'index'),
        searches: delta('index', 'searched'),
      },
      mean_search_ms: round(searchMs, 2),
      answers,
    }),
  );
  await mongoose.disconnect();
  await engine.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
