/** The load run shared by `npm run bench -- load` (full settings) and the CI test (short settings). */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { prepareData } from './dataset.js';
import { cpuBetween, CpuSampler, processesCpu, processLoads, type ProcessLoad } from '../lib/processCpu.js';
import { processTree } from '../../lib/serverProcess.js';
import { startServerProcess, treeCpuMs } from './serverProcess.js';
import {
  latencyOverTime,
  percentile,
  round,
  type LatencySlice,
  type Operation,
  type WorkloadStats,
} from './stats.js';
import { connectionsOpened } from '../lib/keptAlive.js';
import { BROWSING_MIX, measureAlone, startWorkload, type Mix } from './workload.js';

/** The run's latency is also reported by slices of this many seconds (by when each call started). */
const OVER_TIME_SLICE_S = 5;

export interface LoadSettings {
  users: number;
  seconds: number;
  listings: number;
  thinkMs: number;
  /** HTTP worker processes of the server (WORKERS); 1 or absent: one process. */
  workers?: number;
  mix?: Mix;
  /** Calls per operation of the baseline on the idle server (0: none). */
  aloneCalls?: number;
  /** Progress lines (setup, timings); silent when omitted. */
  log?: (line: string) => void;
}

export interface LoadResult {
  settings: Omit<LoadSettings, 'log' | 'mix'>;
  stats: WorkloadStats;
  requests: number;
  durationMs: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  conflicts: number;
  /** GET /api/health under the same load: what any call costs before it does any work. */
  baseline: { p50: number; p99: number };
  /** Each operation alone on the idle server, before the load, with the server CPU each call took. */
  alone?: { stats: WorkloadStats; cpuPerCall: Partial<Record<Operation, number>> };
  serverErrorLogs: string[];
  /** CPU the server (its whole process tree) and this (client) process used per call during the run, in ms. */
  cpuPerCall: { server?: number; client: number };
  /** Each server process (the primary and each worker, or the one process), then the load driver, over the run. */
  processes: ProcessLoad[];
  /** HTTP connections the simulated users opened during the run (kept-alive ones are reused). */
  connectionsOpened: number;
  /** Latency (health left out) by slices of the run's time: where in the run a high p99 comes from. */
  overTime: LatencySlice[];
  setup: {
    prepareMs: number;
    serverStartMs: number;
    dataset: { users: number; organizations: number; listings: number };
  };
}

export async function runLoad(settings: LoadSettings): Promise<LoadResult> {
  const log = settings.log ?? (() => {});
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rl-load-'));
  try {
    const t0 = performance.now();
    const data = await prepareData(dataDir, { listings: settings.listings, simulated: settings.users });
    const prepareMs = performance.now() - t0;
    log(
      `data: ${data.counts.listings} listings, ${data.counts.organizations} organizations, ${data.counts.users} accounts ` +
        `(generated and stored in ${Math.round(prepareMs)} ms); ${data.users.length} simulated users`,
    );
    const workers = settings.workers ?? 1;
    const server = await startServerProcess(dataDir, { env: { WORKERS: String(workers) } });
    const shape = workers > 1 ? `a primary and ${workers} workers` : 'one process';
    log(`server: ${shape} at ${server.url}, started in ${server.startMs} ms`);
    try {
      const alone = settings.aloneCalls
        ? await measureAlone({
            serverCpu: () => treeCpuMs(server.child.pid),
            url: server.url,
            data,
            mix: settings.mix ?? BROWSING_MIX,
            callsPerOperation: settings.aloneCalls,
          })
        : undefined;
      if (alone) log(`baseline: each operation alone, ${settings.aloneCalls} calls one at a time`);
      const workload = startWorkload({
        url: server.url,
        data,
        users: settings.users,
        durationMs: settings.seconds * 1000,
        thinkMs: settings.thinkMs,
        mix: settings.mix ?? BROWSING_MIX,
      });
      await workload.started;
      const begin = performance.now();
      log(
        `running ${settings.seconds} s with ${settings.users} users, mean think time ${settings.thinkMs} ms...`,
      );
      const pids = processTree(server.child.pid) ?? [];
      const sampler = new CpuSampler(pids);
      const processesBefore = processesCpu(server.child.pid!, pids);
      const connectionsBefore = connectionsOpened();
      sampler.start();
      const serverCpu = treeCpuMs(server.child.pid);
      const clientCpu = process.cpuUsage();
      const { durationMs, requests } = await workload.done;
      const serverCpuEnd = treeCpuMs(server.child.pid);
      const clientUsed = process.cpuUsage(clientCpu);
      sampler.stop();
      const processesUsed = cpuBetween(processesBefore, processesCpu(server.child.pid!, pids));
      const all = workload.stats.latencies();
      const health = workload.stats.of('health').ms;
      return {
        settings: {
          users: settings.users,
          seconds: settings.seconds,
          listings: settings.listings,
          thinkMs: settings.thinkMs,
          workers,
        },
        stats: workload.stats,
        requests,
        durationMs,
        rps: requests / (durationMs / 1000),
        p50: round(percentile(all, 0.5)),
        p99: round(percentile(all, 0.99)),
        errors: workload.stats.errors,
        conflicts: workload.stats.conflicts,
        baseline: { p50: round(percentile(health, 0.5)), p99: round(percentile(health, 0.99)) },
        ...(alone ? { alone } : {}),
        serverErrorLogs: server.errorLines,
        cpuPerCall: {
          ...(serverCpu !== undefined && serverCpuEnd !== undefined
            ? { server: round((serverCpuEnd - serverCpu) / requests, 2) }
            : {}),
          client: round((clientUsed.user + clientUsed.system) / 1000 / requests, 2),
        },
        processes: processLoads(processesUsed, clientUsed, sampler, requests, durationMs),
        connectionsOpened: connectionsOpened() - connectionsBefore,
        overTime: latencyOverTime(workload.stats, begin, OVER_TIME_SLICE_S),
        setup: { prepareMs, serverStartMs: server.startMs, dataset: data.counts },
      };
    } finally {
      await server.stop('SIGTERM');
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
