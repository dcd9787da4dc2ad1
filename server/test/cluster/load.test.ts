import { describe, expect, it } from 'vitest';
import { runLoad } from '../../../scripts/bench/load/runLoad.js';
import { operationTable } from '../../../scripts/bench/load/stats.js';

// The short form of `npm run bench -- load` (200 users for 60 s there): the same mix, fewer users, less time,
// each user a little busier (2 s between actions rather than 5 s).
describe('one server process under a mixed load', () => {
  it('answers every call of simulated users without an error', async () => {
    const result = await runLoad({ users: 50, seconds: 10, listings: 2000, thinkMs: 2000 });
    console.log(
      `${operationTable(result.stats)}\nload: ${result.requests} calls, ${result.rps.toFixed(1)}/s, p50 ${result.p50} ms, ` +
        `p99 ${result.p99} ms (health p99 ${result.baseline.p99} ms), ${result.errors} errors`,
    );
    expect(result.errors, result.stats.errorSamples.join('\n')).toBe(0);
    expect(result.serverErrorLogs).toEqual([]);
    expect(result.requests).toBeGreaterThan(200);
    // Against GET /api/health under the same load, so that a busy machine does not fail it: only a route that
    // is pathologically slow does. The benchmark holds the real target (p99 under 200 ms).
    expect(result.p99).toBeLessThan(Math.max(1000, 5 * result.baseline.p99));
  }, 180_000);
});
