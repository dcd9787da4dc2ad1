/**
 * `npm run bench -- start [listings=100000]`: the time from `npm start` to a healthy server, and the server's
 * memory once warm. Builds a data directory with the generated listings, makes sure client/dist and server/dist
 * are built (so no start pays for it), then runs `npm start` on the directory twice, as a deployment would: the
 * first start builds the search index from the database (and writes its snapshot), the second reads the snapshot
 * back. After each, a warm-up of searches and recommendations, then the server process's resident set; then 200
 * listings written (by one organization's owner, until the last is found by search) and the resident set again, as
 * a server that takes writes holds it; then recommendations for 2,000 different open listings (the matching caches
 * as broad use fills them) and the resident set once more, again after 20 quiet seconds, and the highest it reached
 * (VmHWM). SIGTERM ends it cleanly (which writes the snapshot again if the index changed).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, repoRoot } from '../lib/serverProcess.js';
import type { StartPhasesSummary } from '../../server/src/lib/startPhases.js';
import { snapshotFile } from '../../server/src/search/snapshots.js';
import type { Dataset } from '../../server/src/seed/generate/generate.js';
import { DEFAULT_PASSWORD } from '../../server/src/seed/generate/generate.js';
import { prepareData, removeData, signIn, taggedOffer } from './lib/benchServer.js';
import { round, summary, timeConcurrent } from './lib/stats.js';

const listings = Number(process.argv[2] ?? 100_000);
const SEARCHES = 300;
const RECOMMENDATIONS = 60;
const WRITES = 200;
/** Recommendations for as many different open listings, after the writes: the matching caches as broad use fills them. */
const BROAD_RECOMMENDATIONS = 2000;
/** A quiet spell after them, long enough for V8's memory reducer (which starts 8 s after the work stops). */
const QUIET_MS = 20_000;

/** The pids of a process's descendants (from /proc). */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone meanwhile */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of parentOf) {
      if (parent !== p) continue;
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

/** The process's resident set now (VmRSS), or its highest so far (VmHWM), in MiB. */
const rssMb = (pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS') => {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
};

/** The node process running the compiled server (server/dist/main.js) under `npm start` (below npm and sh). */
function serverPid(npmPid: number): number | undefined {
  const running = descendants(npmPid).filter((pid) => {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return cmd.startsWith('node') && cmd.includes('server/dist/main.js');
    } catch {
      return false;
    }
  });
  return running.sort((a, b) => rssMb(b) - rssMb(a))[0];
}

async function npmStart(dir: string) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const lines: string[] = [];
  const npm = spawn('npm', ['start'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dir,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'info',
      SEARCH_RATE_LIMIT: '0',
      MONGODB_URI: '',
      MEILI_HOST: '',
      REDIS_URL: '',
    },
  });
  const keep = (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean));
  npm.stdout.on('data', keep);
  npm.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
  const kill = () => {
    for (const pid of descendants(npm.pid!).reverse()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  };
  for (;;) {
    if (npm.exitCode !== null) {
      kill();
      throw new Error(`npm start exited:\n${lines.slice(-20).join('\n')}`);
    }
    try {
      if ((await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) })).ok) break;
    } catch {
      /* not yet */
    }
    if (performance.now() - t0 > 600_000) {
      kill();
      throw new Error('no healthy answer in 10 minutes');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const healthyMs = performance.now() - t0;
  const pid = serverPid(npm.pid!);
  if (!pid) {
    kill();
    throw new Error('cannot find the server process under npm start');
  }
  const index = lines.map((l) => /"source":"(snapshot|rebuilt)".*/.exec(l)?.[0]).find(Boolean);
  return {
    url,
    healthyMs,
    pid,
    index: index ? (JSON.parse(`{${index}`) as Record<string, unknown>) : undefined,
    phases: startPhases(lines, performance.timeOrigin + t0, healthyMs),
    clientLine: lines.find((l) => l.includes('client/dist')),
    /** SIGTERM to the server itself (npm would not pass it on), as an init would send it; SIGKILL after 30 s. */
    async stop() {
      process.kill(pid, 'SIGTERM');
      const timer = setTimeout(kill, 30_000);
      await exited;
      clearTimeout(timer);
    },
    kill,
  };
}

/**
 * The server's own account of its start (its `start phases` line): before it, what ran before the server's
 * process (npm, the build check); after it, from listening to the first healthy answer seen.
 */
function startPhases(lines: string[], spawnedAt: number, healthyMs: number) {
  const line = lines.find((l) => l.includes('"start phases"'));
  if (!line) return undefined;
  const { start } = JSON.parse(line) as { start: StartPhasesSummary };
  const launchMs = start.processStartedAt - spawnedAt;
  return {
    launch_ms: round(launchMs, 0),
    before_start_ms: start.beforeStartMs,
    before_start_cpu_ms: start.beforeStartCpuMs,
    ...start.phases,
    listen_to_healthy_ms: round(healthyMs - launchMs - start.totalMs, 0),
  };
}

async function warmUp(url: string) {
  const words = ['老人 助餐', '儿童 托管', '志愿者 陪伴', '法律 咨询', '心理 疏导', '场地 活动', '残障 康复'];
  const search = await timeConcurrent(4, SEARCHES, async (i) => {
    const res = await fetch(
      `${url}/api/search?q=${encodeURIComponent(words[i % words.length]!)}&district=310104&district=310115`,
    );
    if (!res.ok) throw new Error(`search answered ${res.status}`);
    await res.arrayBuffer();
  });
  const page = (await (await fetch(`${url}/api/search?sort=newest&pageSize=100`)).json()) as {
    items: { id: string }[];
  };
  const recommend = await timeConcurrent(2, RECOMMENDATIONS, async (i) => {
    const res = await fetch(`${url}/api/listings/${page.items[i % page.items.length]!.id}/matches?limit=10`);
    if (!res.ok) throw new Error(`matches answered ${res.status}`);
    await res.arrayBuffer();
  });
  return {
    search: summary(search.durations, search.wallMs),
    recommend: summary(recommend.durations, recommend.wallMs),
  };
}

/** Recommendations for `count` different open listings, newest first, two at a time. */
async function recommendBroadly(url: string, count: number) {
  const ids: string[] = [];
  for (let page = 1; ids.length < count; page++) {
    const answer = (await (
      await fetch(`${url}/api/search?sort=newest&pageSize=100&page=${page}`)
    ).json()) as {
      items: { id: string }[];
    };
    if (answer.items.length === 0) break;
    ids.push(...answer.items.map((item) => item.id));
  }
  const n = Math.min(count, ids.length);
  const timed = await timeConcurrent(2, n, async (i) => {
    const res = await fetch(`${url}/api/listings/${ids[i]}/matches?limit=10`);
    if (!res.ok) throw new Error(`matches answered ${res.status}`);
    await res.arrayBuffer();
  });
  return { n, ...summary(timed.durations, timed.wallMs) };
}

/** Listings posted one after the other by one organization's owner, then until search finds the last one. */
async function writeListings(url: string, data: Dataset) {
  const owner = data.organizations.find((o) => o.verified && o.body.type !== 'enterprise')!.ownerKey;
  const session = await signIn(url, data.users.find((u) => u.key === owner)!.email, DEFAULT_PASSWORD);
  const t0 = performance.now();
  let token = '';
  for (let i = 0; i < WRITES; i++) {
    token = `启动${i}号${Date.now().toString(36)}`;
    const posted = await session.post('/api/listings', taggedOffer(token));
    if (posted.status !== 201) throw new Error(`a write answered ${posted.status}`);
  }
  while ((await session.get(`/api/search?q=${encodeURIComponent(token)}&pageSize=5`)).body.total === 0) {
    if (performance.now() - t0 > 120_000) throw new Error('the writes were not searchable within 120 s');
    await new Promise((r) => setTimeout(r, 20));
  }
  return performance.now() - t0;
}

async function main() {
  console.log(`setup: ${listings} generated listings; npm start twice on one data directory`);
  const built = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/prepare-start.mjs')], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('the client or server build failed');
  const { dir, data, loadMs } = await prepareData(listings);
  try {
    const runs = [];
    for (const label of ['first', 'second']) {
      const server = await npmStart(dir);
      let warm;
      let rss;
      let rssAfterWrites;
      let writesMs;
      let broad;
      let rssAfterBroad;
      let rssAfterQuiet;
      let rssPeak;
      try {
        warm = await warmUp(server.url);
        rss = rssMb(server.pid);
        writesMs = await writeListings(server.url, data);
        rssAfterWrites = rssMb(server.pid);
        broad = await recommendBroadly(server.url, BROAD_RECOMMENDATIONS);
        rssAfterBroad = rssMb(server.pid);
        await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
        rssAfterQuiet = rssMb(server.pid);
        rssPeak = rssMb(server.pid, 'VmHWM');
      } finally {
        await server.stop();
      }
      runs.push({
        start: label,
        healthy_ms: round(server.healthyMs, 0),
        index: server.index,
        phases: server.phases,
        client: server.clientLine,
        rss_after_warm_up_mb: round(rss, 0),
        rss_after_writes_mb: round(rssAfterWrites, 0),
        rss_after_broad_recommendations_mb: round(rssAfterBroad, 0),
        rss_after_quiet_mb: round(rssAfterQuiet, 0),
        rss_peak_mb: round(rssPeak, 0),
        broad_recommendations: { listings: broad.n, p95_ms: broad.p95_ms },
        writes: { listings: WRITES, searchable_after_ms: round(writesMs, 0) },
        search_p95_ms: warm.search.p95_ms,
        recommend_p95_ms: warm.recommend.p95_ms,
        snapshot_mb: round(fs.statSync(snapshotFile(dir)).size / 1024 / 1024, 1),
      });
      console.log(JSON.stringify(runs[runs.length - 1]));
    }
    console.log(JSON.stringify({ bench: 'start', n: listings, load_ms: round(loadMs, 0), runs }));
  } finally {
    removeData(dir);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
