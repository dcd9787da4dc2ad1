/**
 * Quick timing check of the embedded search adapter (not a test): indexes N generated listings, then times a
 * two-word Chinese query with two filters and three facets, against a baseline that scans every listing with
 * `includes` (what a `$regex` search would do). Prints the setup and one JSON line.
 *
 *   npx tsx scripts/bench/search.ts [n=100000] [queries=200]
 */
import { districts } from '@app/shared';
import { EmbeddedSearchEngine } from '../../server/src/search/embedded/engine.js';
import type { SearchQuery } from '../../server/src/search/port.js';
import { generateSearchDocuments, random } from './searchData.js';

const n = Number(process.argv[2] ?? 100_000);
const queryCount = Number(process.argv[3] ?? 200);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const round = (x: number) => Math.round(x * 100) / 100;

async function main() {
  const docs = generateSearchDocuments(n);
  const rnd = random(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const engine = new EmbeddedSearchEngine('bench');
  await engine.ensureIndex();
  const t0 = performance.now();
  for (let i = 0; i < docs.length; i += 1000) await engine.upsert(docs.slice(i, i + 1000), { wait: false });
  const indexMs = performance.now() - t0;
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;

  const words = [
    '老人 助餐',
    '残障人士 就业',
    '儿童 心理',
    '场地 徐汇',
    '青少年 培训',
    '长者 探访',
    '法律 咨询',
    '社区 志愿者',
  ];
  const queries: SearchQuery[] = Array.from({ length: queryCount }, (_, i) => ({
    q: words[i % words.length],
    filters: { status: ['open'], district: [pick(districts.codes), pick(districts.codes)] },
    facets: ['kind', 'domain', 'district'],
    sort: 'relevance',
    page: 1,
    pageSize: 20,
  }));

  const time = async (run: (q: SearchQuery) => Promise<unknown> | unknown) => {
    for (const q of queries.slice(0, 20)) await run(q); // warm up
    const ms: number[] = [];
    for (const q of queries) {
      const start = performance.now();
      await run(q);
      ms.push(performance.now() - start);
    }
    return ms.sort((a, b) => a - b);
  };

  let totalHits = 0;
  const engineMs = await time(async (q) => {
    totalHits += (await engine.search(q)).total;
  });
  const baselineMs = await time((q) => {
    const [a, b] = q.q!.split(' ') as [string, string];
    const allowed = new Set(q.filters!.district);
    const counts = new Map<string, number>();
    for (const d of docs) {
      if (d.status !== 'open' || !allowed.has(d.district)) continue;
      const text = d.title + d.description;
      if (text.includes(a) && text.includes(b)) counts.set(d.kind, (counts.get(d.kind) ?? 0) + 1);
    }
    return counts;
  });

  console.log(
    `embedded search: ${n} listings indexed in ${Math.round(indexMs)} ms, heap ${Math.round(heapMb)} MB;`,
  );
  console.log(
    `${queryCount} two-word queries, 2 filters (status, 2 districts), facets kind/domain/district, page of 20;`,
  );
  console.log(
    `average ${Math.round(totalHits / queryCount)} matches per query; baseline: a substring scan of every listing`,
  );
  console.log(
    JSON.stringify({
      bench: 'search',
      n,
      p50_ms: round(percentile(engineMs, 0.5)),
      p95_ms: round(percentile(engineMs, 0.95)),
      rps: Math.round(1000 / (engineMs.reduce((a, b) => a + b, 0) / engineMs.length)),
      baseline_p50_ms: round(percentile(baselineMs, 0.5)),
      baseline_p95_ms: round(percentile(baselineMs, 0.95)),
      index_ms: Math.round(indexMs),
    }),
  );
}

await main();
