/**
 * Drives a running server with simulated users: each signs in, then loops (think, act) until the time is up or
 * the run is stopped. Operations are drawn from a weighted mix; think times are exponential, as people's are.
 */
import { mulberry32 } from '../../../server/src/lib/seededRandom.js';
import { monotonicUs } from '../lib/cpuProfile.js';
import type { PreparedData } from './dataset.js';
import { Journal } from './journal.js';
import { OPERATIONS, WorkloadStats, type Operation } from './stats.js';
import { VirtualUser, type Catalogue } from './virtualUser.js';

export type Mix = Partial<Record<Operation, number>>;

/** People browsing and posting: mostly search and reading, some writing. */
export const BROWSING_MIX: Mix = {
  search: 30,
  recommendations: 12,
  read: 12,
  mine: 5,
  matches: 5,
  create: 8,
  update: 7,
  propose: 4,
  accept: 2,
  message: 10,
  health: 5,
};

/** Mostly writes, for the crash test: every acknowledged one is checked afterwards. */
export const WRITING_MIX: Mix = {
  create: 30,
  update: 25,
  propose: 15,
  accept: 10,
  message: 10,
  search: 5,
  read: 5,
};

export interface WorkloadOptions {
  url: string;
  data: PreparedData;
  users: number;
  durationMs: number;
  /** Mean pause between one person's actions. */
  thinkMs: number;
  mix: Mix;
  seed?: number;
  /** Where acknowledged writes are recorded; one journal across runs on the same data keeps the latest write. */
  journal?: Journal;
}

export interface Workload {
  stats: WorkloadStats;
  journal: Journal;
  /** Sign-ins that failed (each is also an error). */
  signInFailures: number;
  /** Resolves when every user has stopped; `durationMs` is the measured part, sign-in excluded. */
  done: Promise<{ durationMs: number; requests: number }>;
  /** Ends the run early (the users finish the call they are in). */
  stop(): void;
  /** Resolves once every user is signed in and acting. */
  started: Promise<void>;
}

/** Whether the server has messaging: its conversation routes are in the OpenAPI document. */
export async function hasMessaging(url: string): Promise<boolean> {
  const doc = (await (await fetch(`${url}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
  return Object.keys(doc.paths).some((p) => p.startsWith('/api/conversations'));
}

/**
 * The baseline: each operation on its own, one call at a time by a few signed-in users, so that latency under
 * load can be read against what the same call costs on an idle server.
 */
export async function measureAlone(
  options: Pick<WorkloadOptions, 'url' | 'data' | 'mix'> & {
    callsPerOperation: number;
    /** The server's CPU time so far (ms), to charge each operation its own. */
    serverCpu?: () => number | undefined;
  },
): Promise<{
  stats: WorkloadStats;
  cpuPerCall: Partial<Record<Operation, number>>;
  /** When each operation's measured calls ran, on the machine's monotonic clock (µs), to cut a CPU profile by. */
  windows: Partial<Record<Operation, { fromUs: number; toUs: number }>>;
}> {
  const stats = new WorkloadStats();
  const world: Catalogue = {
    openListings: options.data.openListings,
    openOffers: options.data.openOffers,
    simulatedOffers: options.data.simulatedOffers,
    messaging: await hasMessaging(options.url),
  };
  const make = (into: WorkloadStats) =>
    options.data.users
      .slice(0, 10)
      .map(
        (p, i) =>
          new VirtualUser(
            p,
            options.data.password,
            options.url,
            `10.250.0.${i}`,
            into,
            new Journal(),
            world,
            mulberry32(i),
          ),
      );
  // A round to warm up (the JIT, caches) that is not counted, then the measured one.
  const warmUp = make(new WorkloadStats());
  const people = make(stats);
  for (const person of [...warmUp, ...people]) await person.signIn();
  for (const op of OPERATIONS) {
    if (!options.mix[op] || (op === 'message' && !world.messaging)) continue;
    for (let i = 0; i < options.callsPerOperation; i++) await warmUp[i % warmUp.length]!.act(op);
  }
  const cpuPerCall: Partial<Record<Operation, number>> = {};
  const windows: Partial<Record<Operation, { fromUs: number; toUs: number }>> = {};
  for (const op of OPERATIONS) {
    if (!options.mix[op] || (op === 'message' && !world.messaging)) continue;
    const fromUs = monotonicUs();
    const before = options.serverCpu?.();
    const calls = stats.of(op).calls;
    for (let i = 0; i < options.callsPerOperation; i++) await people[i % people.length]!.act(op);
    const after = options.serverCpu?.();
    windows[op] = { fromUs, toUs: monotonicUs() };
    const made = stats.of(op).calls - calls;
    if (before !== undefined && after !== undefined && made > 0) cpuPerCall[op] = (after - before) / made;
  }
  return { stats, cpuPerCall, windows };
}

export function startWorkload(options: WorkloadOptions): Workload {
  const stats = new WorkloadStats();
  const journal = options.journal ?? new Journal();
  const random = mulberry32(options.seed ?? 7);
  let stopped = false;
  let signInFailures = 0;
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => (markStarted = resolve));

  let weights: (readonly [Operation, number])[] = [];
  let total = 0;
  const draw = (): Operation => {
    let x = random() * total;
    for (const [op, w] of weights) if ((x -= w) < 0) return op;
    return weights[0]![0];
  };
  const think = () => -Math.log(1 - random()) * options.thinkMs;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const done = (async () => {
    const world: Catalogue = {
      openListings: options.data.openListings,
      openOffers: options.data.openOffers,
      simulatedOffers: options.data.simulatedOffers,
      messaging: await hasMessaging(options.url),
    };
    // Without messaging its share of the mix goes to the other operations.
    weights = OPERATIONS.map((op) => [op, options.mix[op] ?? 0] as const).filter(
      ([op, w]) => w > 0 && (op !== 'message' || world.messaging),
    );
    total = weights.reduce((sum, [, w]) => sum + w, 0);
    const people = options.data.users
      .slice(0, options.users)
      .map(
        (person, i) =>
          new VirtualUser(
            person,
            options.data.password,
            options.url,
            `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
            stats,
            journal,
            world,
            mulberry32((options.seed ?? 7) * 1000 + i),
          ),
      );
    // Sign in a few at a time: a password check is deliberately slow, and this is not what is measured.
    for (let i = 0; i < people.length; i += 8) {
      const results = await Promise.all(people.slice(i, i + 8).map((p) => p.signIn()));
      for (const ok of results) {
        if (!ok) {
          signInFailures += 1;
          stats.error('health', 'sign-in failed');
        }
      }
    }
    markStarted();
    const begin = performance.now();
    const deadline = begin + options.durationMs;
    await Promise.all(
      people.map(async (person) => {
        // The first action after a think time of its own, drawn as every other: each user is then a steady stream
        // of calls from the start (think times are exponential, so the wait for the next call of someone already
        // browsing has the same law), and the users together offer the run's rate from its first second. A first
        // action spread uniformly over one think time would offer half as much again in the run's first think time.
        await sleep(think());
        while (!stopped && performance.now() < deadline) {
          await person.act(draw());
          await sleep(Math.min(think(), Math.max(0, deadline - performance.now())));
        }
      }),
    );
    return { durationMs: performance.now() - begin, requests: stats.calls };
  })();

  return {
    stats,
    journal,
    get signInFailures() {
      return signInFailures;
    },
    done,
    started,
    stop: () => void (stopped = true),
  };
}
