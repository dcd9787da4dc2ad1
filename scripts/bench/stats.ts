/**
 * `npm run bench -- stats [listings=100000] [requests=20]`: every view of the oversight dashboard on the real
 * server over generated listings (the seeded generator, as the demo and the other benchmarks use it) with a year of
 * match history added over them, plus the demo's history of bases and residents.
 * Views: the city, a district, a base, a domain (GET /api/stats), the annual workbook and the district CSV.
 * Baseline, in process on the same data before the server starts: the city figures computed by the stats module
 * (its counters of listings and of matches) against the same counts made by reading every document of
 * the period into JavaScript. Prints a progress line for each stage of the setup (stderr), the result on stdout.
 */
import { trusted } from 'mongoose';
import { hashPassword } from '../../server/src/modules/auth/password.js';
import { ListingModel } from '../../server/src/modules/listings/model.js';
import { MatchModel } from '../../server/src/modules/matching/model.js';
import { UserModel } from '../../server/src/modules/users/model.js';
import { rebuildListingCounts } from '../../server/src/modules/stats/counting.js';
import { rebuildMatchCounts } from '../../server/src/modules/stats/matchCounting.js';
import { computeStats } from '../../server/src/modules/stats/service.js';
import { previousPeriod, resolvePeriod } from '../../server/src/modules/stats/period.js';
import { addMatchHistory, seedDemoHistory } from '../../server/src/seed/demoHistory.js';
import { prepareData, removeData, signIn, startBenchServer } from './lib/benchServer.js';
import { round, summary, timeConcurrent } from './lib/stats.js';

const listings = Number(process.argv[2] ?? 100_000);
const requests = Number(process.argv[3] ?? 20);
const BUREAU = { email: 'bench-bureau@example.org', password: 'bench-bureau-password' };
const started = performance.now();
/** A progress line: seconds since the start, then what is happening. */
const progress = (message: string) =>
  console.error(`[stats ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);
/** The loader reports every batch: one line per stage and per tenth of it is enough. */
let lastShown = '';
function loadProgress(stage: string, done: number, total: number) {
  const tenth = total ? Math.floor((done / total) * 10) : 0;
  const key = `${stage}:${tenth}`;
  if (key === lastShown) return;
  lastShown = key;
  progress(stage === 'generating' ? `generating ${total} listings` : `storing ${stage}: ${done}/${total}`);
}

/** The naive way: every listing and match of the two periods read into JavaScript, then counted. */
async function countInJs() {
  const period = resolvePeriod({});
  const window = { from: previousPeriod(period).from, to: period.to };
  const [docs, matches] = await Promise.all([
    ListingModel.find({ createdAt: trusted({ $gte: window.from, $lt: window.to }) }).lean(),
    MatchModel.find({ updatedAt: trusted({ $gte: window.from }) }).lean(),
  ]);
  const needsByDistrict = new Map<string, number>();
  for (const l of docs)
    if (l.side === 'need' && l.createdAt >= period.from)
      needsByDistrict.set(l.district, (needsByDistrict.get(l.district) ?? 0) + 1);
  let completed = 0;
  for (const m of matches)
    for (const h of m.history) if (h.status === 'completed' && h.at >= period.from) completed++;
  return { needs: [...needsByDistrict.values()].reduce((a, b) => a + b, 0), completed };
}

async function main() {
  let history = { listings: 0, matches: 0 };
  let inProcess = { stats_module: summary([], 1), js_scan: summary([], 1) };
  const { dir, loadMs } = await prepareData(
    listings,
    async () => {
      const now = new Date();
      progress('reading the listings back for the match history');
      const all = await ListingModel.find()
        .select({ side: 1, kind: 1, ownerId: 1, organizationId: 1, createdAt: 1, amount: 1 })
        .lean();
      progress(`adding a year of matches over ${all.length} listings`);
      const generatedMatches = await addMatchHistory(
        all.filter((l) => l.side === 'need'),
        all.filter((l) => l.side === 'offer'),
        now,
        0.3,
      );
      progress(`${generatedMatches} matches stored; adding the demo's history of bases and residents`);
      const demo = await seedDemoHistory(now, 24);
      history = { listings: demo.listings, matches: generatedMatches + demo.matches };
      await UserModel.create({
        email: BUREAU.email,
        passwordHash: await hashPassword(BUREAU.password),
        name: '基准测试',
        role: 'bureau',
      });
      progress('counting the listings into the statistics counters');
      const counted = await rebuildListingCounts();
      progress(`${counted.counters} counters over ${counted.listings} listings; counting the matches`);
      const matchCounters = await rebuildMatchCounts();
      progress(
        `${matchCounters.counters} counters over ${matchCounters.matches} matches; timing the city in process`,
      );
      const runs = Math.max(3, Math.min(requests, 10));
      const byModule = await timeConcurrent(1, runs, async () => void (await computeStats({})));
      progress('timing the same counts read into JavaScript');
      const scan = await timeConcurrent(1, runs, async () => void (await countInJs()));
      inProcess = {
        stats_module: summary(byModule.durations, byModule.wallMs),
        js_scan: summary(scan.durations, scan.wallMs),
      };
      progress('closing the database');
    },
    loadProgress,
  );
  progress('starting the server');
  const server = await startBenchServer(dir);
  try {
    const bureau = await signIn(server.url, BUREAU.email, BUREAU.password);
    const base = (await bureau.get('/api/bases?pageSize=1')).body as { items: { id: string }[] };
    const year = new Date().getFullYear();
    const views: Record<string, string> = {
      city: '/api/stats',
      district: '/api/stats?district=310104',
      base: `/api/stats?baseId=${base.items[0]!.id}`,
      domain: '/api/stats?domain=elderly',
      export_xlsx: `/api/stats/export?format=xlsx&year=${year}`,
      export_csv: `/api/stats/export?format=csv&year=${year}`,
    };
    const results: Record<string, ReturnType<typeof summary>> = {};
    for (const [name, path] of Object.entries(views)) {
      progress(`timing ${name}: ${path}`);
      const first = await bureau.raw(path);
      if (first.status !== 200) throw new Error(`${path} answered ${first.status}`);
      const timed = await timeConcurrent(1, requests, async () => void (await bureau.raw(path)));
      results[name] = summary(timed.durations, timed.wallMs);
    }
    const health = await timeConcurrent(1, requests, async () => void (await bureau.raw('/api/health')));
    const city = (await bureau.get('/api/stats')).body as {
      needs: { posted: number };
      matches: { proposed: number };
    };
    console.log(
      `setup: ${listings} generated listings + ${history.listings} of demo history, ${history.matches} matches; ` +
        `${await countBases(server.url)} bases; city figures: ${city.needs.posted} needs, ${city.matches.proposed} proposals`,
    );
    console.log(
      JSON.stringify({
        bench: 'stats',
        n: listings,
        requests,
        ...Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v])),
        baseline_health: summary(health.durations, health.wallMs),
        in_process_city: inProcess,
        server_rss_mb: round(server.rssMb(), 0),
        load_ms: round(loadMs, 0),
      }),
    );
  } finally {
    await server.stop();
    removeData(dir);
  }
}

async function countBases(url: string) {
  const res = await fetch(`${url}/api/bases?pageSize=1`);
  return ((await res.json()) as { total: number }).total;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
