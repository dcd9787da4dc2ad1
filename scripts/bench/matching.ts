/**
 * `npm run bench -- matching [listings=100000] [requests=300]`: GET /api/listings/:id/matches on the real server
 * over generated listings, for needs and offers picked at random, one client at a time and from 4 clients.
 * The baseline is GET /api/listings/:id on the same listings (the cost of the HTTP and database path alone).
 */
import { prepareData, removeData, startBenchServer } from './lib/benchServer.js';
import { round, summary, timeConcurrent } from './lib/stats.js';

const listings = Number(process.argv[2] ?? 100_000);
const requests = Number(process.argv[3] ?? 300);

async function main() {
  const { dir, loadMs } = await prepareData(listings);
  const server = await startBenchServer(dir);
  try {
    const url = server.url;
    const subjects: string[] = [];
    for (const side of ['need', 'offer']) {
      for (let page = 1; subjects.length < (side === 'need' ? requests / 2 : requests); page += 7) {
        const res = (await (
          await fetch(`${url}/api/search?side=${side}&sort=newest&pageSize=50&page=${page}`)
        ).json()) as { items: { id: string }[] };
        if (!res.items.length) break;
        subjects.push(...res.items.slice(0, 10).map((l) => l.id));
      }
    }
    const open = (await (await fetch(`${url}/api/search?pageSize=1`)).json()) as { total: number };
    console.log(
      `setup: ${listings} generated listings (${open.total} open), ${subjects.length} subjects (needs and offers)`,
    );

    let matched = 0;
    let excluded = 0;
    const recommend = async (i: number) => {
      const res = await fetch(`${url}/api/listings/${subjects[i % subjects.length]}/matches?limit=10`);
      if (!res.ok) throw new Error(`matches answered ${res.status}`);
      const body = (await res.json()) as { matches: unknown[]; excluded: unknown[] };
      matched += body.matches.length;
      excluded += body.excluded.length;
    };
    await timeConcurrent(2, 20, recommend);
    const one = await timeConcurrent(1, subjects.length, recommend);
    const four = await timeConcurrent(4, subjects.length, recommend);
    const baseline = await timeConcurrent(
      1,
      subjects.length,
      async (i) => void (await (await fetch(`${url}/api/listings/${subjects[i]}`)).arrayBuffer()),
    );
    console.log(
      JSON.stringify({
        bench: 'matching',
        n: listings,
        open: open.total,
        sequential: summary(one.durations, one.wallMs),
        concurrent_4: summary(four.durations, four.wallMs),
        baseline_get_listing: summary(baseline.durations, baseline.wallMs),
        mean_matches: round(matched / (subjects.length * 2 + 20), 1),
        mean_excluded: round(excluded / (subjects.length * 2 + 20), 1),
        server_rss_mb: round(server.rssMb(), 0),
        load_ms: round(loadMs, 0),
      }),
    );
  } finally {
    await server.stop();
    removeData(dir);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
