/**
 * Fault benchmark: one server process under a write-heavy load (listings posted and edited, matches proposed and
 * accepted, messages once messaging exists) is killed with SIGKILL at a random moment and restarted on the same
 * data directory, several times. Every acknowledged write must come back, and the search index must hold exactly
 * the open listings of the database. Prints the setup, one line per cycle and one JSON line.
 *
 *   npm run bench -- faults [--users 200] [--listings 20000] [--cycles 3] [--kill-after 15-30] [--think-ms 5000]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { runCrash } from './load/crash.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '200' },
    listings: { type: 'string', default: '20000' },
    cycles: { type: 'string', default: '3' },
    'kill-after': { type: 'string', default: '15-30' },
    'think-ms': { type: 'string', default: '5000' },
  },
});
const [min, max] = values['kill-after']!.split('-').map((s) => Number(s) * 1000) as [number, number];

console.log(`machine: ${os.cpus().length} cores, node ${process.version}`);
const result = await runCrash({
  users: Number(values.users),
  listings: Number(values.listings),
  cycles: Number(values.cycles),
  thinkMs: Number(values['think-ms']),
  killAfterMs: [min, max ?? min],
  log: (line) => console.log(line),
});
for (const line of [...result.lost, ...result.searchMismatches, ...result.indexDetails].slice(0, 20)) {
  console.log(`  ${line}`);
}
const total = (key: 'listingWrites' | 'matches' | 'accepts' | 'messages') =>
  result.cycles.reduce((n, c) => n + c.acknowledged[key], 0);
console.log(
  `${result.cycles.length} kills: ${result.lost.length} acknowledged writes lost, ${result.searchMismatches.length} search ` +
    `mismatches, index against database: ${result.indexDifferences} differences over ${result.openListings} open listings`,
);
console.log(
  JSON.stringify({
    bench: 'faults',
    users: Number(values.users),
    listings: Number(values.listings),
    kills: result.cycles.length,
    acknowledged_listing_writes: total('listingWrites'),
    acknowledged_matches: total('matches'),
    acknowledged_accepts: total('accepts'),
    acknowledged_messages: total('messages'),
    unanswered_at_kill: result.cycles.reduce((n, c) => n + c.unanswered, 0),
    edits_lost_race: result.cycles.reduce((n, c) => n + c.editsLostRace, 0),
    lost: result.lost.length,
    search_mismatches: result.searchMismatches.length,
    index_differences: result.indexDifferences,
    restart_ms: result.cycles.map((c) => c.restartMs),
  }),
);
process.exitCode = result.lost.length || result.searchMismatches.length || result.indexDifferences ? 1 : 0;
