/**
 * The fault run shared by `npm run bench -- faults` and the CI test: a write-heavy workload against one server
 * process, SIGKILL at a random moment, restart on the same data directory, then every acknowledged write is read
 * back and the search index compared with the database. Repeated for a number of cycles.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { prepareData } from './dataset.js';
import { loseEditRaces } from './editRace.js';
import { Journal } from './journal.js';
import { startServerProcess, type ServerProcess } from './serverProcess.js';
import { checkAcknowledgedWrites, searchedOpenIds, setDifference, storedOpenIds } from './verify.js';
import { mulberry32 } from '../../../server/src/lib/seededRandom.js';
import { startWorkload, WRITING_MIX } from './workload.js';

export interface CrashSettings {
  users: number;
  listings: number;
  thinkMs: number;
  /** The kill comes at a random moment in [min, max] ms after the users have started. */
  killAfterMs: [number, number];
  cycles: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface CrashCycle {
  killedAtMs: number;
  restartMs: number;
  acknowledged: Journal['acknowledged'];
  /** Calls that got no answer: sent when the server died. */
  unanswered: number;
  /** Edits refused because their listing was closed meanwhile (each commits an empty transaction). */
  editsLostRace: number;
  checked: { listings: number; matches: number; messages: number };
}

export interface CrashResult {
  cycles: CrashCycle[];
  lost: string[];
  searchMismatches: string[];
  /** Index against database after the last restart: ids in one and not the other. */
  indexDifferences: number;
  indexDetails: string[];
  openListings: number;
}

type Counts = Journal['acknowledged'];
/** What a cycle added to the cumulative counts. */
const since = (before: Counts, after: Counts): Counts =>
  Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - before[k as keyof Counts]])) as Counts;

export async function runCrash(settings: CrashSettings): Promise<CrashResult> {
  const log = settings.log ?? (() => {});
  const random = mulberry32(settings.seed ?? 11);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rl-crash-'));
  let server: ServerProcess | undefined;
  try {
    const data = await prepareData(dataDir, { listings: settings.listings, simulated: settings.users });
    log(
      `data: ${data.counts.listings} listings, ${data.counts.users} accounts; ${data.users.length} simulated users`,
    );
    server = await startServerProcess(dataDir);
    // One journal for every cycle: a listing edited in two cycles must carry the later acknowledged title.
    const journal = new Journal();
    const cycles: CrashCycle[] = [];
    const lost: string[] = [];
    const searchMismatches: string[] = [];

    for (let cycle = 1; cycle <= settings.cycles; cycle += 1) {
      const workload = startWorkload({
        url: server.url,
        data,
        users: settings.users,
        durationMs: 60 * 60_000,
        thinkMs: settings.thinkMs,
        mix: WRITING_MIX,
        seed: (settings.seed ?? 11) + cycle,
        journal,
      });
      const before = journal.acknowledged;
      await workload.started;
      const [min, max] = settings.killAfterMs;
      const killedAtMs = Math.round(min + random() * (max - min));
      const loadStarted = performance.now();
      // A third of the way in, edits that lose a race commit empty transactions: what follows must survive them.
      await new Promise((resolve) => setTimeout(resolve, killedAtMs / 3));
      const editsLostRace = await loseEditRaces(server.url, data);
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, killedAtMs - (performance.now() - loadStarted))),
      );
      await server.stop('SIGKILL');
      workload.stop();
      await workload.done;
      const unanswered = [...workload.stats.ops.values()].reduce((n, s) => n + s.calls - s.ms.length, 0);

      const restarted = performance.now();
      server = await startServerProcess(dataDir);
      const restartMs = Math.round(performance.now() - restarted);
      const check = await checkAcknowledgedWrites(server.url, data, [journal]);
      lost.push(...check.lost);
      searchMismatches.push(...check.searchMismatches);
      cycles.push({
        killedAtMs,
        restartMs,
        acknowledged: since(before, journal.acknowledged),
        unanswered,
        editsLostRace,
        checked: check.checked,
      });
      log(
        `cycle ${cycle}: killed ${killedAtMs} ms into the load; ${JSON.stringify(since(before, journal.acknowledged))} ` +
          `acknowledged, ${unanswered} calls unanswered; restarted in ${restartMs} ms; ` +
          `${check.lost.length} lost, ${check.searchMismatches.length} search mismatches; ` +
          `${editsLostRace} edits lost a race before`,
      );
    }

    // The index against the database: ids the search answers with, then the stored ones once the server is down.
    const indexed = await searchedOpenIds(server.url, data);
    await server.stop('SIGTERM');
    server = undefined;
    const stored = await storedOpenIds(dataDir);
    const indexDetails = setDifference(indexed, stored);
    const indexDifferences =
      [...indexed].filter((id) => !stored.has(id)).length +
      [...stored].filter((id) => !indexed.has(id)).length;
    return { cycles, lost, searchMismatches, indexDifferences, indexDetails, openListings: stored.size };
  } finally {
    await server?.stop('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  }
}
