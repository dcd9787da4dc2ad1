/**
 * Reads a V8 CPU profile (`node --cpu-prof`, a `.cpuprofile` JSON) and says where the CPU went: self time by
 * function and by area (an npm package, a folder of server/src, node's internals, V8), and time including callees
 * by function, optionally only within a time window (a phase of a benchmark).
 *
 * Times are those of the profiled process's monotonic clock, the one `process.hrtime` reads in any process of the
 * machine, so a benchmark can name its phases with `monotonicUs()` and cut the server's profile by them.
 */
import { readFileSync } from 'node:fs';

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The machine's monotonic clock in µs, as the profile's timestamps read it. */
export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

export const readProfile = (file: string): CpuProfile => JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;

export interface ProfileSummary {
  /** CPU time in the window (idle left out), ms. */
  busyMs: number;
  byArea: [string, number][];
  selfByFunction: [string, number][];
  totalByFunction: [string, number][];
}

/** Where a frame's code lives: a package, a folder of our sources, node's own code, or V8. */
export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const ours =
    /\/(server|shared|scripts)\/src\/(.*)\/[^/]+$/.exec(url) ??
    /\/(server|shared|scripts)\/(.*)\/[^/]+$/.exec(url);
  if (ours) return `${ours[1]}/${ours[2]!.split('/').slice(0, 3).join('/')}`;
  return url.replace(/^file:\/\//, '');
}

const frameName = (n: ProfileNode) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const file = url ? url.replace(/^.*\/(node_modules\/|server\/|shared\/|scripts\/)/, '$1') : '';
  return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
};

const top = (m: Map<string, number>, n: number) =>
  [...m].sort((a, b) => b[1] - a[1]).slice(0, n) as [string, number][];

/** Summarises the samples taken within [fromUs, toUs] (the whole profile when omitted). */
export function summariseProfile(
  profile: CpuProfile,
  window: { fromUs?: number; toUs?: number } = {},
  limit = 25,
): ProfileSummary {
  return summariseProfiles([profile], window, limit);
}

/**
 * Summarises several profiles' samples within [fromUs, toUs] together, as one: the processes of one server
 * (the primary and the workers of `WORKERS=n`), whose clocks are the same monotonic clock.
 */
export function summariseProfiles(
  profiles: readonly CpuProfile[],
  window: { fromUs?: number; toUs?: number } = {},
  limit = 25,
): ProfileSummary {
  const area = new Map<string, number>();
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let busy = 0;
  const add = (m: Map<string, number>, key: string, ms: number) => m.set(key, (m.get(key) ?? 0) + ms);
  for (const profile of profiles) {
    for (const { ms, stack } of samplesOf(profile, window)) {
      const node = stack[0]!;
      busy += ms;
      add(area, areaOf(node.callFrame.url, node.callFrame.functionName), ms);
      add(self, frameName(node), ms);
      const seen = new Set<string>();
      for (const frame of stack) {
        const name = frameName(frame);
        if (!seen.has(name)) add(total, name, ms);
        seen.add(name);
      }
    }
  }
  return {
    busyMs: busy,
    byArea: top(area, limit),
    selfByFunction: top(self, limit),
    totalByFunction: top(total, limit),
  };
}

/**
 * The busy samples of a profile taken within [fromUs, toUs] (all when omitted): the time each stands for (until
 * the next sample), and its stack from the sampled frame out to the root.
 */
export function* samplesOf(
  profile: CpuProfile,
  window: { fromUs?: number; toUs?: number } = {},
): Generator<{ ms: number; stack: ProfileNode[] }> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if ((window.fromUs !== undefined && t < window.fromUs) || (window.toUs !== undefined && t > window.toUs))
      continue;
    const node = byId.get(profile.samples[i]!)!;
    if (node.callFrame.functionName === '(idle)') continue;
    const stack: ProfileNode[] = [];
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id))
      stack.push(byId.get(id)!);
    yield { ms: (profile.timeDeltas[i + 1] ?? 0) / 1000, stack };
  }
}

/** The summary as text, each time also per call when `calls` is given. */
export function formatSummary(summary: ProfileSummary, calls?: number, limit = 25): string {
  const per = (ms: number) =>
    `${ms.toFixed(0).padStart(7)} ms` + (calls ? `${(ms / calls).toFixed(3).padStart(9)} ms/call` : '');
  const block = (title: string, rows: [string, number][]) =>
    [title, ...rows.slice(0, limit).map(([name, ms]) => `  ${per(ms)}  ${name}`)].join('\n');
  return [
    `busy ${per(summary.busyMs)}`,
    block('self time by area', summary.byArea),
    block('self time by function', summary.selfByFunction),
    block('time with callees by function', summary.totalByFunction),
  ].join('\n');
}
