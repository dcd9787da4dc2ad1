/**
 * Server CPU per call, operation by operation, and where it goes: a short run to measure a change to the cost of
 * a call before and after, and to profile it.
 *
 *   npm run bench -- percall [--listings 20000] [--calls 100] [--ops search,read] [--users 100] [--seconds 30]
 *                            [--workers 1] [--profile <dir>] [--top 25]
 *
 * Each operation of the load mix (or of --ops) is called --calls times, one call at a time, by ten signed-in users
 * after a round to warm up, as the load benchmark's "alone" baseline does; with --users, the load mix then runs
 * for --seconds with that many users (mean think time 5 s). The server's CPU comes from /proc. With --profile the
 * server runs under `--cpu-prof` and each phase's share of the profile is summarised: self time by area and by
 * function, time with callees by function (see lib/cpuProfile.ts), also per call. --workers n runs the server as a
 * primary and n HTTP workers (WORKERS=n): the CPU is summed over the three processes, and with --profile each
 * process writes its own profile; a phase is summarised over all of them together, then each process's share.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  formatSummary,
  monotonicUs,
  readProfile,
  summariseProfile,
  summariseProfiles,
} from './lib/cpuProfile.js';
import { cpuBetween, CpuSampler, processesCpu, processLoads, processTable } from './lib/processCpu.js';
import { categoryComparison } from './lib/profileCategories.js';
import { processTree } from '../lib/serverProcess.js';
import { prepareData } from './load/dataset.js';
import { treeCpuMs, startServerProcess } from './load/serverProcess.js';
import { OPERATIONS, percentile, round, type Operation } from './load/stats.js';
import { BROWSING_MIX, measureAlone, startWorkload, type Mix } from './load/workload.js';

const { values } = parseArgs({
  options: {
    listings: { type: 'string', default: '20000' },
    calls: { type: 'string', default: '100' },
    ops: { type: 'string' },
    users: { type: 'string', default: '0' },
    seconds: { type: 'string', default: '30' },
    workers: { type: 'string', default: '1' },
    profile: { type: 'string' },
    top: { type: 'string', default: '25' },
  },
});
const only = values.ops?.split(',') as Operation[] | undefined;
const mix: Mix = Object.fromEntries(
  Object.entries(BROWSING_MIX).filter(([op]) => !only || only.includes(op as Operation)),
);
const users = Number(values.users);
const workers = Number(values.workers);
if (!Number.isInteger(workers) || workers < 1 || workers > 16)
  throw new Error('--workers must be a whole number from 1 to 16');

console.log(
  `machine: ${os.cpus().length} cores, node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rl-percall-'));
const profileDir = values.profile ? path.resolve(values.profile) : undefined;
if (profileDir) process.env.BENCH_CPU_PROF = profileDir;
const before = profileDir ? new Set(await readdir(profileDir).catch(() => [])) : new Set<string>();
const phases: { name: string; calls: number; cpuMs?: number; fromUs: number; toUs: number }[] = [];
let primaryPid: number | undefined;
/** The load's calls by operation, to weigh the operations alone by (profileCategories.ts). */
let loadCalls: Record<string, number> | undefined;
try {
  const data = await prepareData(dataDir, {
    listings: Number(values.listings),
    simulated: Math.max(users, 10),
  });
  const server = await startServerProcess(dataDir, { env: { WORKERS: String(workers) } });
  primaryPid = server.child.pid;
  console.log(
    `${data.counts.listings} listings; server (${workers > 1 ? `a primary and ${workers} workers` : 'one process'}) ` +
      `started in ${server.startMs} ms`,
  );
  const serverCpu = () => treeCpuMs(server.child.pid);
  try {
    const alone = await measureAlone({
      url: server.url,
      data,
      mix,
      callsPerOperation: Number(values.calls),
      serverCpu,
    });
    for (const op of OPERATIONS) {
      const window = alone.windows[op];
      const cpu = alone.cpuPerCall[op];
      if (!window) continue;
      const s = alone.stats.of(op);
      phases.push({
        name: op,
        calls: s.calls,
        ...window,
        ...(cpu !== undefined ? { cpuMs: cpu * s.calls } : {}),
      });
      console.log(
        `${op.padEnd(16)} ${String(s.calls).padStart(5)} calls  p50 ${String(round(percentile(s.ms, 0.5))).padStart(6)} ms` +
          `  server CPU ${cpu === undefined ? '?' : round(cpu, 2)} ms/call  errors ${s.errors}`,
      );
    }
    if (users > 0) {
      const workload = startWorkload({
        url: server.url,
        data,
        users,
        durationMs: Number(values.seconds) * 1000,
        thinkMs: 5000,
        mix,
      });
      await workload.started;
      const pids = processTree(server.child.pid) ?? [];
      const sampler = new CpuSampler(pids);
      const processesBefore = processesCpu(server.child.pid!, pids);
      sampler.start();
      const driver0 = process.cpuUsage();
      const fromUs = monotonicUs();
      const cpu0 = serverCpu();
      const { requests, durationMs } = await workload.done;
      const cpu1 = serverCpu();
      const driverUsed = process.cpuUsage(driver0);
      sampler.stop();
      const used = cpuBetween(processesBefore, processesCpu(server.child.pid!, pids));
      loadCalls = Object.fromEntries([...workload.stats.ops].map(([op, s]) => [op, s.calls]));
      const cpu = cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined;
      phases.push({
        name: `load (${users} users)`,
        calls: requests,
        fromUs,
        toUs: monotonicUs(),
        cpuMs: cpu,
      });
      console.log(
        `load: ${users} users, ${requests} calls in ${round(durationMs / 1000)} s, p99 ${round(
          percentile(workload.stats.latencies(), 0.99),
        )} ms, ${workload.stats.errors} errors, server CPU ${
          cpu === undefined ? '?' : round(cpu / requests, 2)
        } ms/call`,
      );
      console.log(processTable(processLoads(used, driverUsed, sampler, requests, durationMs)));
    }
  } finally {
    await server.stop('SIGTERM');
  }
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

if (profileDir) {
  // Each process's main-thread profile (a loader thread of tsx writes one of its own): CPU.<date>.<time>.<pid>.0.<n>.
  const written = (await readdir(profileDir))
    .filter((f) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(f) && !before.has(f))
    .map((f) => ({ file: path.join(profileDir, f), pid: Number(f.split('.')[3]) }));
  if (written.length !== workers + (workers > 1 ? 1 : 0))
    throw new Error(
      `expected ${workers > 1 ? workers + 1 : 1} new profiles in ${profileDir}, found ${written.length}`,
    );
  // The primary first, then the workers.
  written.sort((a, b) => Number(b.pid === primaryPid) - Number(a.pid === primaryPid) || a.pid - b.pid);
  const profiles = written.map(({ file, pid }) => ({
    file,
    name: workers > 1 ? (pid === primaryPid ? `primary ${pid}` : `worker ${pid}`) : `server ${pid}`,
    profile: readProfile(file),
  }));
  // The phases beside the profiles, to summarise them again (lib/cpuProfile.ts) with other cuts.
  for (const { file } of profiles)
    await writeFile(file.replace(/\.cpuprofile$/, '.phases.json'), JSON.stringify(phases, null, 1));
  const top = Number(values.top);
  for (const { file, name } of profiles) console.log(`profile (${name}): ${file}`);
  const load = phases.find((p) => p.name.startsWith('load'));
  if (load && loadCalls) {
    console.log(
      `\n${categoryComparison(
        profiles,
        phases.filter((p) => p !== load),
        load,
        loadCalls,
      )}`,
    );
  }
  for (const phase of phases) {
    console.log(
      `\n=== ${phase.name}: ${phase.calls} calls${profiles.length > 1 ? ', all processes' : ''} ===`,
    );
    const all = summariseProfiles(
      profiles.map((p) => p.profile),
      phase,
      top,
    );
    console.log(formatSummary(all, phase.calls, top));
    if (profiles.length < 2) continue;
    for (const { name, profile } of profiles) {
      const own = summariseProfile(profile, phase, 12);
      console.log(`\n--- ${name} ---`);
      console.log(
        formatSummary(
          { ...own, selfByFunction: own.selfByFunction.slice(0, 12), totalByFunction: [] },
          phase.calls,
          12,
        ),
      );
    }
  }
}
