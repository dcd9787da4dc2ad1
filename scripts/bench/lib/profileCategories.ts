/**
 * Where a server's CPU goes by kind of work rather than by function: each profile sample is charged to the
 * innermost frame of its stack whose code says what the work is for (the database driver, the engine, the search
 * RPC, Socket.IO and the cluster's IPC, HTTP, sessions, the request log, ...), so that a socket write the driver
 * made counts as the driver's and one the engine made as the engine's. V8's own entries (GC, `(program)`) and
 * JSON's built-ins count as themselves; samples with no telling frame at all count as node's internals.
 */
import { samplesOf, type CpuProfile, type ProfileNode } from './cpuProfile.js';

const pkg = (names: string) => new RegExp(`node_modules/(${names})/`);

/** First match wins; tried on each frame from the sampled one outwards. */
const BY_CODE: [RegExp, string][] = [
  [/\/src\/lib\/jsonText\.ts/, 'JSON'],
  [/\/src\/search\/remote\//, 'search RPC (both ends)'],
  [/\/src\/db\/|node_modules\/mingo\//, 'database: the engine (commands, storage, its socket)'],
  [pkg('mongodb|bson|mongoose|mquery|kareem|mpath|sift'), 'database: driver, BSON, mongoose (caller)'],
  [/\/src\/search\//, 'search index'],
  [/\/src\/modules\/matching\/|\/src\/lib\/text\//, 'matching and text relevance'],
  [
    /node_modules\/(socket\.io|socket\.io-adapter|socket\.io-parser|engine\.io|engine\.io-parser|ws|@socket\.io\/[^/]+)\/|\/src\/realtime\/|^node:internal\/(cluster|child_process)|^node:child_process|^node:v8/,
    'Socket.IO, cluster IPC',
  ],
  [
    /node_modules\/(express-session|connect-mongo|cookie|cookie-signature|uid-safe)\/|\/src\/modules\/auth\/|\/src\/lib\/recentlyRead\.ts/,
    'sessions and recent reads',
  ],
  [pkg('pino|pino-std-serializers|sonic-boom|fast-redact|thread-stream|pino-http'), 'request log'],
  [/\/src\/lib\/(logger\.ts|http\/requestLog\.ts)/, 'request log'],
  [pkg('zod'), 'zod'],
  [
    /^node:_http_|^node:internal\/http|^node:http|\/src\/lib\/http\/|node_modules\/(express|router|body-parser|raw-body|helmet|cors|finalhandler|send|etag|fresh|qs|accepts|negotiator|type-is|on-finished|parseurl|proxy-addr|content-type|statuses|iconv-lite|vary|encodeurl|escape-html|forwarded|ipaddr\.js|path-to-regexp|media-typer|mime-types|http-errors)\//,
    'HTTP and express',
  ],
  [pkg('tsx|esbuild'), 'tsx'],
  [/\/(server|shared)\/src\//, "the application's modules"],
];

/** The kind of work a frame does by itself, or undefined when only its callers can tell. */
function categoryOfFrame(frame: ProfileNode): string | undefined {
  const { functionName, url } = frame.callFrame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(program)') return 'outside JavaScript (program)';
    if (functionName === 'parse' || functionName === 'stringify') return 'JSON';
    return undefined;
  }
  return BY_CODE.find(([pattern]) => pattern.test(url))?.[1];
}

/** The kind of work a sample was doing (see the file's comment). */
export function categoryOf(stack: readonly ProfileNode[]): string {
  for (const frame of stack) {
    const found = categoryOfFrame(frame);
    if (found) return found;
  }
  return "node's internals (net, streams, timers, microtasks)";
}

/** Busy time by category within the window, over the profiles together (ms). */
export function categoriesOf(
  profiles: readonly CpuProfile[],
  window: { fromUs?: number; toUs?: number } = {},
): Map<string, number> {
  const byCategory = new Map<string, number>();
  for (const profile of profiles) {
    for (const { ms, stack } of samplesOf(profile, window)) {
      const category = categoryOf(stack);
      byCategory.set(category, (byCategory.get(category) ?? 0) + ms);
    }
  }
  return byCategory;
}

export interface Phase {
  name: string;
  calls: number;
  fromUs: number;
  toUs: number;
}

/**
 * The load's CPU per call by category against what the same operations cost one at a time, weighed by how often
 * the load made each (`loadCalls`, by operation): the difference is what the load adds. `processes` are named
 * profiles (the primary first); the load's figure is also split by process.
 */
export function categoryComparison(
  processes: readonly { name: string; profile: CpuProfile }[],
  alone: readonly Phase[],
  load: Phase,
  loadCalls: Record<string, number>,
): string {
  const total = Object.values(loadCalls).reduce((sum, n) => sum + n, 0);
  const profiles = processes.map((p) => p.profile);
  const predicted = new Map<string, number>();
  for (const phase of alone) {
    const weight = (loadCalls[phase.name] ?? 0) / total;
    if (!weight || !phase.calls) continue;
    for (const [category, ms] of categoriesOf(profiles, phase))
      predicted.set(category, (predicted.get(category) ?? 0) + (weight * ms) / phase.calls);
  }
  const measured = categoriesOf(profiles, load);
  const byProcess = processes.map((p) => categoriesOf([p.profile], load));
  const names = [...new Set([...measured.keys(), ...predicted.keys()])].sort(
    (a, b) => (measured.get(b) ?? 0) - (measured.get(a) ?? 0),
  );
  const cell = (x: number, width = 9) => x.toFixed(2).padStart(width);
  const rows = names.map((name) => {
    const under = (measured.get(name) ?? 0) / load.calls;
    const one = predicted.get(name) ?? 0;
    return (
      name.padEnd(54) +
      cell(one) +
      cell(under) +
      cell(under - one) +
      byProcess.map((m) => cell((m.get(name) ?? 0) / load.calls, 12)).join('')
    );
  });
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return [
    `busy ms per call by kind of work: the operations one at a time weighed by the load's mix ("alone"), and the load`,
    'category'.padEnd(54) +
      'alone'.padStart(9) +
      'load'.padStart(9) +
      'added'.padStart(9) +
      processes.map((p) => p.name.slice(0, 11).padStart(12)).join(''),
    ...rows,
    'all'.padEnd(54) +
      cell(sum(predicted)) +
      cell(sum(measured) / load.calls) +
      cell(sum(measured) / load.calls - sum(predicted)) +
      byProcess.map((m) => cell(sum(m) / load.calls, 12)).join(''),
  ].join('\n');
}
