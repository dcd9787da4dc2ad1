/**
 * `npm run bench -- matching [listings=100000] [requests=300]`: GET /api/listings/:id/matches on the real server
 * over generated listings, for needs and offers picked at random, one client at a time and from 4 clients; then
 * GET /api/listings/:id/bundles for open funding and volunteer needs, each asked by its owner, one client.
 * The baseline is GET /api/listings/:id on the same listings (the cost of the HTTP and database path alone).
 */
import { DEFAULT_PASSWORD } from '../../server/src/seed/generate/generate.js';
import { prepareData, removeData, signIn, startBenchServer } from './lib/benchServer.js';
import { round, summary, timeConcurrent } from './lib/stats.js';

const listings = Number(process.argv[2] ?? 100_000);
const requests = Number(process.argv[3] ?? 300);

async function main() {
  const { dir, data, loadMs } = await prepareData(listings);
  const server = await startBenchServer(dir);
  try {
    const url = server.url;
    // Timed on the settled server, as the search benchmark is (start's own work is `-- start`'s).
    const settledMs = await server.settled();
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
    // Bundles are the need owner's: sign in as owners of open funding and volunteer needs and ask for theirs.
    const emails = new Map(data.users.map((u) => [u.key, u.email]));
    const owners = [
      ...new Set(
        data.listings
          .filter(
            (g) =>
              g.status === 'open' && g.body.side === 'need' && ['funding', 'talent'].includes(g.body.kind),
          )
          .map((g) => g.ownerKey),
      ),
    ].slice(0, 40);
    const bundleCalls: { get: (p: string) => Promise<{ status: number }>; id: string }[] = [];
    for (const key of owners) {
      const session = await signIn(url, emails.get(key)!, DEFAULT_PASSWORD);
      const mine = (await session.get('/api/listings/mine?side=need&status=open&pageSize=50')).body as {
        items?: { id: string; kind: string }[];
      };
      for (const l of mine.items ?? [])
        if (l.kind === 'funding' || l.kind === 'talent') bundleCalls.push({ get: session.get, id: l.id });
    }
    const bundles = bundleCalls.length
      ? await timeConcurrent(1, Math.min(requests, bundleCalls.length * 3), async (i) => {
          const call = bundleCalls[i % bundleCalls.length]!;
          const res = await call.get(`/api/listings/${call.id}/bundles?limit=3`);
          if (res.status !== 200) throw new Error(`bundles answered ${res.status}`);
        })
      : undefined;

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
        ...(bundles ? { bundles_sequential: summary(bundles.durations, bundles.wallMs) } : {}),
        bundle_needs: bundleCalls.length,
        baseline_get_listing: summary(baseline.durations, baseline.wallMs),
        mean_matches: round(matched / (subjects.length * 2 + 20), 1),
        mean_excluded: round(excluded / (subjects.length * 2 + 20), 1),
        server_rss_mb: round(server.rssMb(), 0),
        load_ms: round(loadMs, 0),
        settled_after_ms: settledMs,
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
