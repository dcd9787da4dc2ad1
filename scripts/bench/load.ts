/**
 * Load benchmark: simulated users (search, recommendations, reading, posting and editing listings, match
 * proposals, messages once messaging exists) against one server process on its embedded defaults, with
 * GET /api/health under the same load as the baseline. Prints the setup, a table per operation and one JSON line.
 *
 *   npm run bench -- load [--users 200] [--seconds 60] [--listings 20000] [--think-ms 5000] [--workers 1]
 *
 * Each user pauses between actions for an exponential time of mean --think-ms (a person reading a page), so 200
 * users offer about 40 calls a second. --workers n runs the server as a primary and n HTTP workers (WORKERS=n);
 * the server CPU is summed over its whole process tree either way.
 *
 * Target: no errors, p99 under 200 ms on the 2-core machine.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { processTable } from './lib/processCpu.js';
import { runLoad } from './load/runLoad.js';
import { operationTable, percentile, round } from './load/stats.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    listings: { type: 'string', default: '20000' },
    'think-ms': { type: 'string', default: '5000' },
    workers: { type: 'string', default: '1' },
  },
});

const settings = {
  users: Number(values.users),
  seconds: Number(values.seconds),
  listings: Number(values.listings),
  thinkMs: Number(values['think-ms']),
  workers: Number(values.workers),
};
if (!Number.isInteger(settings.workers) || settings.workers < 1 || settings.workers > 16)
  throw new Error('--workers must be a whole number from 1 to 16');

console.log(
  `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const result = await runLoad({ ...settings, aloneCalls: 20, log: (line) => console.log(line) });
console.log(operationTable(result.stats, result.alone));
console.log(
  `${result.requests} calls in ${round(result.durationMs / 1000)} s: ${round(result.rps)} calls/s, p50 ${result.p50} ms, ` +
    `p99 ${result.p99} ms (baseline GET /api/health p50 ${result.baseline.p50} ms, p99 ${result.baseline.p99} ms), ` +
    `${result.errors} errors, ${result.conflicts} conflicts (409), ${result.serverErrorLogs.length} server error logs`,
);
const core =
  result.cpuPerCall.server === undefined ? '?' : Math.round((result.cpuPerCall.server * result.rps) / 10);
console.log(
  `CPU per call: server ${result.cpuPerCall.server ?? '?'} ms (all its processes), load driver ${result.cpuPerCall.client} ms ` +
    `(the server used ${core}% of one core)`,
);
console.log(processTable(result.processes));
console.log(`HTTP connections opened by the simulated users during the run: ${result.connectionsOpened}`);
console.log(
  `latency by when calls started (health left out), s: calls p50/p99/max ms\n` +
    result.overTime
      .map(
        (s) => `  ${String(s.fromS).padStart(3)}: ${String(s.calls).padStart(5)} ${s.p50}/${s.p99}/${s.max}`,
      )
      .join('\n'),
);
for (const sample of result.stats.errorSamples.slice(0, 10)) console.log(`  error: ${sample}`);
for (const line of result.serverErrorLogs.slice(0, 5)) console.log(`  server: ${line.slice(0, 300)}`);
const met = result.errors === 0 && result.p99 < 200;
console.log(`target (no errors, p99 < 200 ms): ${met ? 'met' : 'NOT met'}`);
console.log(
  JSON.stringify({
    bench: 'load',
    users: settings.users,
    seconds: settings.seconds,
    listings: result.setup.dataset.listings,
    think_ms: settings.thinkMs,
    workers: settings.workers,
    requests: result.requests,
    rps: round(result.rps),
    p50_ms: result.p50,
    p99_ms: result.p99,
    errors: result.errors,
    conflicts: result.conflicts,
    baseline_health_p50_ms: result.baseline.p50,
    baseline_health_p99_ms: result.baseline.p99,
    p99_over_baseline: round(result.p99 / result.baseline.p99, 2),
    alone_p50_ms: result.alone ? round(percentile(result.alone.stats.latencies(), 0.5)) : null,
    ops: Object.fromEntries(
      [...result.stats.ops].map(([op, s]) => [
        op,
        { calls: s.calls, errors: s.errors, conflicts: s.conflicts },
      ]),
    ),
    server_cpu_ms_per_call: result.cpuPerCall.server ?? null,
    driver_cpu_ms_per_call: result.cpuPerCall.client,
    server_start_ms: result.setup.serverStartMs,
    processes: result.processes.map((p) => ({
      role: p.role,
      user_ms_per_call: p.userMsPerCall,
      system_ms_per_call: p.systemMsPerCall,
      core: p.core,
      peak_core: p.peakCore,
      threads_ms_per_call: p.threadMsPerCall,
    })),
    connections_opened: result.connectionsOpened,
    over_time: result.overTime.map((s) => ({
      from_s: s.fromS,
      calls: s.calls,
      p50_ms: s.p50,
      p99_ms: s.p99,
      max_ms: s.max,
    })),
  }),
);
