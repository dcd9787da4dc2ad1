import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { runCrash } from '../../../scripts/bench/load/crash.js';
import { prepareData } from '../../../scripts/bench/load/dataset.js';
import { Journal } from '../../../scripts/bench/load/journal.js';
import { startServerProcess } from '../../../scripts/bench/load/serverProcess.js';
import { checkAcknowledgedWrites, setDifference } from '../../../scripts/bench/load/verify.js';

// The short form of `npm run bench -- faults`: one server process, SIGKILL under a write-heavy load, restart.
describe('a server killed under load', () => {
  it('comes back with every acknowledged write, also those after edits that lost a race, and its search index holds exactly the open listings', async () => {
    const result = await runCrash({
      users: 20,
      listings: 400,
      thinkMs: 300,
      killAfterMs: [2500, 4000],
      cycles: 1,
    });
    const [cycle] = result.cycles;
    console.log(`faults: ${JSON.stringify(cycle)}; index ${result.indexDifferences} differences`);
    expect(result.lost).toEqual([]);
    expect(result.searchMismatches).toEqual([]);
    expect(result.indexDetails).toEqual([]);
    // Enough happened for the check to mean something.
    expect(cycle!.acknowledged.listingWrites).toBeGreaterThan(20);
    expect(cycle!.acknowledged.matches).toBeGreaterThan(0);
    // Edits that lost a race committed empty transactions before most of the writes checked.
    expect(cycle!.editsLostRace).toBeGreaterThan(0);
    expect(cycle!.checked.listings).toBe(cycle!.acknowledged.listings);
  }, 240_000);

  it('notices an acknowledged write that is not there, and an index that disagrees', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rl-crash-check-'));
    try {
      const data = await prepareData(dataDir, { listings: 50, simulated: 2 });
      const server = await startServerProcess(dataDir);
      try {
        const journal = new Journal();
        const owner = data.users[0]!.email;
        journal.listingCreated(String(new Types.ObjectId()), owner, '不存在的标题 ltmissing');
        journal.listingUpdateSent(
          data.users[0]!.needs[0] ?? data.openListings[0]!,
          owner,
          '从未保存 ltnever',
        );
        journal.listingUpdated(data.users[0]!.needs[0] ?? data.openListings[0]!, '从未保存 ltnever');
        journal.matchProposed(String(new Types.ObjectId()), owner);
        const check = await checkAcknowledgedWrites(server.url, data, [journal]);
        expect(check.lost).toHaveLength(3);
      } finally {
        await server.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
    expect(setDifference(new Set(['a', 'b']), new Set(['b', 'c']))).toHaveLength(2);
  }, 120_000);
});
