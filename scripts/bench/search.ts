/**
 * `npm run bench -- search [listings=100000] [requests=2000]`: GET /api/search on the real server over generated
 * listings, with a two-word Chinese query, two filters and the three facets, from 8 concurrent clients; the same
 * queries as a plain `$regex` scan with `$facet` counts (the baseline, run in process on the same data); the time
 * from a listing's POST until search finds it; the server's CPU per search (from /proc, the primary and its workers
 * with WORKERS=n) and the clients' own (this process); and the server's memory. Timed once the server has settled
 * after its start (settled_after_ms). The clients call over kept-alive
 * node:http connections, not fetch, which costs this process more CPU per search on the cores it shares with the
 * server.
 */
import { loadavg } from 'node:os';
import { trusted } from 'mongoose';
import { districts } from '@app/shared';
import { ListingModel } from '../../server/src/modules/listings/model.js';
import { DEFAULT_PASSWORD } from '../../server/src/seed/generate/generate.js';
import { prepareData, removeData, signIn, startBenchServer, taggedOffer } from './lib/benchServer.js';
import { send } from './lib/keptAlive.js';
import { treeCpuMs } from '../lib/serverProcess.js';
import { percentile, round, summary, timeConcurrent } from './lib/stats.js';

const listings = Number(process.argv[2] ?? 100_000);
const requests = Number(process.argv[3] ?? 2000);
const CONCURRENCY = 8;
const WRITES = 100;

const WORD_PAIRS = [
  ['老人', '助餐'],
  ['儿童', '托管'],
  ['志愿者', '陪伴'],
  ['法律', '咨询'],
  ['心理', '疏导'],
  ['场地', '活动'],
  ['残障', '康复'],
  ['资助', '养老'],
  ['培训', '财务'],
  ['社区', '议事'],
  ['青少年', '课后'],
  ['环保', '宣传'],
] as const;
const SIDES = ['need', 'offer'] as const;

function queryFor(i: number) {
  const [w1, w2] = WORD_PAIRS[i % WORD_PAIRS.length]!;
  const d1 = districts.codes[i % districts.codes.length]!;
  const d2 = districts.codes[(i * 7 + 3) % districts.codes.length]!;
  return { w1, w2, side: SIDES[i % 2]!, districts: [d1, d2] };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function regexBaseline() {
  const { durations, wallMs } = await timeConcurrent(CONCURRENCY, Math.min(requests, 200), async (i) => {
    const q = queryFor(i);
    const word = (w: string) => ({
      $or: [{ title: { $regex: escape(w) } }, { description: { $regex: escape(w) } }],
    });
    await ListingModel.aggregate([
      {
        $match: trusted({
          status: 'open',
          side: q.side,
          district: { $in: q.districts },
          $and: [word(q.w1), word(q.w2)],
        }),
      },
      {
        $facet: {
          items: [{ $sort: { createdAt: -1 } }, { $limit: 20 }],
          kind: [{ $group: { _id: '$kind', n: { $sum: 1 } } }],
          domain: [{ $unwind: '$domains' }, { $group: { _id: '$domains', n: { $sum: 1 } } }],
          district: [{ $group: { _id: '$district', n: { $sum: 1 } } }],
        },
      },
    ]);
  });
  return summary(durations, wallMs);
}

async function main() {
  console.log(
    `setup: ${listings} generated listings, ${requests} searches from ${CONCURRENCY} clients, ${WRITES} write-to-searchable samples`,
  );
  let baseline: ReturnType<typeof summary> | undefined;
  const { dir, data, loadMs } = await prepareData(listings, async () => {
    baseline = await regexBaseline();
  });
  const server = await startBenchServer(dir);
  try {
    const url = server.url;
    // What a start leaves to do in the background (the database's deferred indexes, the search snapshot) is
    // start's cost, measured by `-- start`: the searches are timed on the settled server.
    const settledMs = await server.settled();
    // Warm-up, then the measured run.
    await timeConcurrent(CONCURRENCY, 50, async (i) => void (await searchAnswer(url, i)));
    let totalHits = 0;
    const loadBefore = loadavg()[0]!;
    const serverCpuBefore = treeCpuMs(server.pid);
    const clientCpuBefore = process.cpuUsage();
    const { durations, wallMs } = await timeConcurrent(CONCURRENCY, requests, async (i) => {
      const { total } = await searchAnswer(url, i); // awaited first: `+=` reads totalHits before an await in it
      totalHits += total;
    });
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const serverCpuAfter = treeCpuMs(server.pid);
    const search = summary(durations, wallMs);
    const cpu = {
      server_cpu_ms_per_search:
        serverCpuBefore !== undefined && serverCpuAfter !== undefined
          ? round((serverCpuAfter - serverCpuBefore) / requests, 3)
          : undefined,
      client_cpu_ms_per_search: round((clientCpu.user + clientCpu.system) / 1000 / requests, 3),
      load_average: [round(loadBefore, 1), round(loadavg()[0]!, 1)],
    };

    const orgOwner = data.organizations.find((o) => o.verified && o.body.type !== 'enterprise')!.ownerKey;
    const email = data.users.find((u) => u.key === orgOwner)!.email;
    const session = await signIn(url, email, DEFAULT_PASSWORD);
    const lags: number[] = [];
    for (let i = 0; i < WRITES; i++) {
      const token = `基准${i}号${Date.now().toString(36)}`;
      const t0 = performance.now();
      const posted = await session.post('/api/listings', taggedOffer(token));
      if (posted.status !== 201) throw new Error(`post answered ${posted.status}`);
      const id = (posted.body.listing as { id: string }).id;
      for (;;) {
        const found = await session.get(`/api/search?q=${encodeURIComponent(token)}&pageSize=5`);
        if ((found.body.items as { id: string }[]).some((l) => l.id === id)) break;
        if (performance.now() - t0 > 5000) throw new Error('a write did not become searchable within 5 s');
        await new Promise((r) => setTimeout(r, 2));
      }
      lags.push(performance.now() - t0);
    }
    lags.sort((a, b) => a - b);
    const result = {
      bench: 'search',
      n: listings,
      concurrency: CONCURRENCY,
      ...search,
      mean_total_hits: round(totalHits / requests, 1),
      ...cpu,
      regex_baseline: baseline,
      speedup_p50: baseline ? round(baseline.p50_ms / search.p50_ms, 1) : undefined,
      write_to_searchable_p50_ms: round(percentile(lags, 0.5)),
      write_to_searchable_p99_ms: round(percentile(lags, 0.99)),
      server_rss_mb: round(server.rssMb(), 0),
      load_ms: round(loadMs, 0),
      server_start_ms: round(server.startMs, 0),
      settled_after_ms: settledMs,
    };
    console.log(JSON.stringify(result));
  } finally {
    await server.stop();
    removeData(dir);
  }
}

/** The i-th search over a kept-alive connection (lib/keptAlive.ts), its answer parsed as a browser's would be. */
async function searchAnswer(url: string, i: number): Promise<{ total: number }> {
  const res = await send(searchUrl(url, i), 'GET', {}, undefined);
  if (res.status !== 200) throw new Error(`search answered ${res.status}`);
  return JSON.parse(res.text) as { total: number };
}

function searchUrl(url: string, i: number): string {
  const q = queryFor(i);
  const params = new URLSearchParams({ q: `${q.w1} ${q.w2}`, side: q.side });
  for (const d of q.districts) params.append('district', d);
  return `${url}/api/search?${params}`;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
