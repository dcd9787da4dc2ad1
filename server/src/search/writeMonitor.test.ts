/**
 * Writes sent to Meilisearch without waiting (the reconciler's) are confirmed in batches, a failed one is logged
 * and its listings go back to the indexer, and `/api/health` says when the index lags. The real server runs
 * against a stand-in of the pinned Meilisearch API, which can fail a task and hold its queue.
 */
import { Types } from 'mongoose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PinnedMeilisearch } from '../../test/meilisearch/pinnedMeilisearch.js';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { fixtureDocuments } from './contract.fixtures.js';
import { EventOutboxModel } from '../lib/outbox.js';

const MASTER = 'monitor-test-master-key';
let meili: PinnedMeilisearch;
let server: TestServer;

beforeAll(async () => {
  meili = await new PinnedMeilisearch(MASTER).start();
  server = await startTestServer({ MEILI_HOST: meili.url, MEILI_MASTER_KEY: MASTER });
});
afterAll(async () => {
  await server?.stop();
  await meili?.stop();
});

const health = async () => (await request(server.url).get('/api/health').expect(200)).body;
const listingDoc = () => ({ ...fixtureDocuments[0]!, id: String(new Types.ObjectId()) });

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the search write monitor', () => {
  it('reports a healthy index on Meilisearch', async () => {
    expect(await health()).toMatchObject({
      search: 'meilisearch',
      searchIndex: { lagging: false, queued: 0, unconfirmedWrites: 0, failedWrites: 0 },
    });
  });

  it('logs a failed write, queues its listing again, and the indexer takes it from there', async () => {
    const errors = vi.spyOn(server.ctx.logger, 'error');
    const doc = listingDoc();
    meili.failNext('documentAdditionOrUpdate');
    await server.ctx.search.upsert([doc], { wait: false });
    await new Promise((r) => setTimeout(r, 50)); // the stand-in has run the task
    await server.ctx.searchWrites!.check();

    expect(errors).toHaveBeenCalledWith(
      expect.objectContaining({ listings: 1, reason: expect.stringContaining('failed') }),
      expect.stringContaining('queued to be indexed again'),
    );
    expect((await health()).searchIndex).toMatchObject({ failedWrites: 1, unconfirmedWrites: 0 });
    // The indexer re-reads the listing: it is not in the database, so it is removed.
    await until(() =>
      meili.requests.some(
        (r) => r.path.endsWith('/documents/delete-batch') && (r.body as string[]).includes(doc.id),
      ),
    );
    errors.mockRestore();
  });

  it('calls the index lagging while a change has waited too long in the outbox', async () => {
    const entry = await EventOutboxModel.create({
      event: 'listing.changed',
      payload: { listingId: String(new Types.ObjectId()) },
      createdAt: new Date(Date.now() - 120_000),
      claimedUntil: new Date(Date.now() + 600_000), // claimed by a worker that stalled
    });
    try {
      const { searchIndex } = await health();
      expect(searchIndex).toMatchObject({ lagging: true, queued: 1 });
      expect(searchIndex.oldestQueuedSeconds).toBeGreaterThanOrEqual(120);
    } finally {
      await EventOutboxModel.deleteOne({ _id: entry._id });
    }
    expect((await health()).searchIndex).toMatchObject({ lagging: false, queued: 0 });
  });

  it('counts unconfirmed writes, and calls the index lagging when Meilisearch cannot be asked', async () => {
    meili.pause();
    await server.ctx.search.upsert([listingDoc()], { wait: false });
    await server.ctx.searchWrites!.check();
    expect((await health()).searchIndex).toMatchObject({ lagging: false, unconfirmedWrites: 1 });
    await meili.stop();
    await server.ctx.searchWrites!.check();
    expect((await health()).searchIndex).toMatchObject({ lagging: true, unconfirmedWrites: 1 });
  });
});
