/**
 * The CPU of each process of a server under load, from /proc: the primary and each worker of `WORKERS=n` (or the
 * one process), user and system time apart, each process's main thread apart from its other threads (V8's
 * garbage collector and compiler, libuv's pool), and sampled once a second, so that a process saturated for part
 * of a run shows even when its average does not. The load driver measures itself with `process.cpuUsage()`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { processTree, statFields } from '../../lib/serverProcess.js';

/** Clock ticks of /proc are 10 ms on Linux (as serverProcess.ts assumes). */
const TICK_MS = 10;

export interface ProcessCpu {
  pid: number;
  /** `primary`, `worker`, `server` (one process), or the program's name for any other child (a helper). */
  role: string;
  userMs: number;
  systemMs: number;
  /** CPU by thread: `main`, then the other threads by their name. */
  threadMs: Record<string, number>;
}

const nameOf = (path: string) => {
  try {
    return readFileSync(`/proc/${path}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
};

/** CPU by thread of one process: the main thread as `main`, the others summed by name. */
function threadsOf(pid: number): Record<string, number> {
  const threads: Record<string, number> = {};
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return threads;
  }
  for (const tid of tids) {
    const fields = statFields(`${pid}/task/${tid}`);
    if (!fields) continue;
    const name = Number(tid) === pid ? 'main' : nameOf(`${pid}/task/${tid}`);
    threads[name] = (threads[name] ?? 0) + (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  }
  return threads;
}

/** The processes of a server's tree (`processTree` of its first process) as they are now. */
export function processesCpu(rootPid: number, pids = processTree(rootPid) ?? []): ProcessCpu[] {
  const names = new Map(pids.map((pid) => [pid, nameOf(String(pid))]));
  const workers = pids.filter((pid) => pid !== rootPid && names.get(pid) === names.get(rootPid));
  return pids.flatMap((pid) => {
    const fields = statFields(pid);
    if (!fields) return [];
    const role =
      pid === rootPid
        ? workers.length
          ? 'primary'
          : 'server'
        : workers.includes(pid)
          ? 'worker'
          : names.get(pid)!;
    return [
      {
        pid,
        role,
        userMs: Number(fields[11]) * TICK_MS,
        systemMs: Number(fields[12]) * TICK_MS,
        threadMs: threadsOf(pid),
      },
    ];
  });
}

/** What each process used between two readings (processes present in both). */
export function cpuBetween(before: ProcessCpu[], after: ProcessCpu[]): ProcessCpu[] {
  return after.flatMap((end) => {
    const start = before.find((p) => p.pid === end.pid);
    if (!start) return [];
    const threadMs = Object.fromEntries(
      Object.entries(end.threadMs).map(([name, ms]) => [name, ms - (start.threadMs[name] ?? 0)]),
    );
    return [{ ...end, userMs: end.userMs - start.userMs, systemMs: end.systemMs - start.systemMs, threadMs }];
  });
}

/**
 * Samples the processes' CPU every `everyMs`: for each, the busiest interval's share of one core and how many
 * intervals it spent at 90 % of a core or more (a process near a core is the queue, whatever the total).
 */
export class CpuSampler {
  private readonly last = new Map<number, number>();
  readonly peak = new Map<number, number>();
  readonly saturated = new Map<number, number>();
  intervals = 0;
  private lastAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pids: number[],
    private readonly everyMs = 1000,
  ) {}

  /** The load driver (this process) is sampled under the key 0. */
  private read(): Map<number, number> {
    const now = new Map<number, number>();
    for (const pid of this.pids) {
      const fields = statFields(pid);
      if (fields) now.set(pid, (Number(fields[11]) + Number(fields[12])) * TICK_MS);
    }
    const own = process.cpuUsage();
    now.set(0, (own.user + own.system) / 1000);
    return now;
  }

  start(): void {
    this.lastAt = performance.now();
    for (const [pid, ms] of this.read()) this.last.set(pid, ms);
    this.timer = setInterval(() => {
      const at = performance.now();
      const elapsed = at - this.lastAt;
      this.lastAt = at;
      this.intervals += 1;
      for (const [pid, ms] of this.read()) {
        const share = (ms - (this.last.get(pid) ?? ms)) / elapsed;
        this.last.set(pid, ms);
        this.peak.set(pid, Math.max(this.peak.get(pid) ?? 0, share));
        if (share >= 0.9) this.saturated.set(pid, (this.saturated.get(pid) ?? 0) + 1);
      }
    }, this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

/** One process's CPU over a run, per call and as a share of one core. */
export interface ProcessLoad {
  pid: number;
  role: string;
  userMsPerCall: number;
  systemMsPerCall: number;
  /** Mean share of one core over the run (1 = a whole core). */
  core: number;
  /** The busiest sampled interval's share of one core. */
  peakCore: number;
  /** Sampled intervals (of `intervals`) at 90 % of a core or more. */
  saturated: number;
  intervals: number;
  /** Per call, by thread (`main` and the others by name). */
  threadMsPerCall: Record<string, number>;
}

const perCall = (ms: number, calls: number) => Math.round((ms / calls) * 100) / 100;

/**
 * Each server process's CPU between two readings, then the load driver's (`driver`: what `process.cpuUsage`
 * said over the run), per call and as shares of one core.
 */
export function processLoads(
  used: ProcessCpu[],
  driver: NodeJS.CpuUsage,
  sampler: CpuSampler,
  calls: number,
  durationMs: number,
): ProcessLoad[] {
  const rows = [
    ...used,
    {
      pid: 0,
      role: 'load driver',
      userMs: driver.user / 1000,
      systemMs: driver.system / 1000,
      threadMs: {},
    },
  ];
  return rows.map((p) => ({
    pid: p.pid || process.pid,
    role: p.role,
    userMsPerCall: perCall(p.userMs, calls),
    systemMsPerCall: perCall(p.systemMs, calls),
    core: Math.round(((p.userMs + p.systemMs) / durationMs) * 100) / 100,
    peakCore: Math.round((sampler.peak.get(p.pid) ?? 0) * 100) / 100,
    saturated: sampler.saturated.get(p.pid) ?? 0,
    intervals: sampler.intervals,
    threadMsPerCall: Object.fromEntries(
      Object.entries(p.threadMs)
        .filter(([, ms]) => ms > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([name, ms]) => [name, perCall(ms, calls)]),
    ),
  }));
}

/** The rows as a table: CPU per call (user + system), share of one core (mean, busiest second), threads. */
export function processTable(rows: ProcessLoad[]): string {
  const pad = (v: string | number, n: number) => String(v).padStart(n);
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  return [
    `${'process'.padEnd(20)}${pad('ms/call', 9)}${pad('user', 7)}${pad('system', 8)}${pad('core', 7)}` +
      `${pad('busiest s', 11)}${pad('s ≥ 90 %', 10)}  by thread (ms/call)`,
    ...rows.map(
      (r) =>
        `${`${r.role} ${r.pid}`.padEnd(20)}${pad((r.userMsPerCall + r.systemMsPerCall).toFixed(2), 9)}` +
        `${pad(r.userMsPerCall.toFixed(2), 7)}${pad(r.systemMsPerCall.toFixed(2), 8)}${pad(pct(r.core), 7)}` +
        `${pad(pct(r.peakCore), 11)}${pad(`${r.saturated}/${r.intervals}`, 10)}  ` +
        Object.entries(r.threadMsPerCall)
          .map(([name, ms]) => `${name} ${ms}`)
          .join(', '),
    ),
  ].join('\n');
}
