import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger.js';
import { fixtureDocuments } from '../contract.fixtures.js';
import { EmbeddedSearchEngine } from '../embedded/engine.js';
import type { SearchDocument } from '../port.js';
import { RemoteSearchEngine } from './engine.js';
import { serveSearch, type SearchHost } from './host.js';
import { SEARCH_TOKEN_HEADER } from './protocol.js';

// The search RPC of WORKERS=n; what every adapter must answer is the contract suite's (search.contract.test.ts).
let host: SearchHost;
let local: EmbeddedSearchEngine;
let remote: RemoteSearchEngine;

beforeAll(async () => {
  local = new EmbeddedSearchEngine('rpc_test');
  await local.ensureIndex();
  host = await serveSearch(local, createLogger('silent'));
  remote = new RemoteSearchEngine(host);
});
afterAll(async () => {
  await remote?.close();
  await host?.close();
});

const [first, second, third] = fixtureDocuments as [SearchDocument, SearchDocument, SearchDocument];
const ids = async (engine: { search: EmbeddedSearchEngine['search'] }) =>
  (await engine.search({ pageSize: 100 })).hits.map((h) => h.id).sort();

describe('the search host', () => {
  it('answers only on 127.0.0.1 and only with the token of this start', async () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
    const call = (headers: Record<string, string>) =>
      fetch(`${host.url}/stats`, { method: 'POST', headers, body: '[]' });
    expect((await call({})).status).toBe(401);
    expect((await call({ [SEARCH_TOKEN_HEADER]: 'x'.repeat(host.token.length) })).status).toBe(401);
    expect((await call({ [SEARCH_TOKEN_HEADER]: host.token })).status).toBe(200);
    const unknown = await fetch(`${host.url}/snapshot`, {
      method: 'POST',
      headers: { [SEARCH_TOKEN_HEADER]: host.token },
      body: '[]',
    });
    expect(unknown.status).toBe(404);
  });

  it('applies a write before it returns: the caller and the host see it at once', async () => {
    await remote.clear();
    await remote.upsert([first, second]);
    expect(await ids(local)).toEqual([first.id, second.id].sort());
    await remote.delete([first.id]);
    expect(await ids(remote)).toEqual([second.id]);
  });

  it("hands the engine's refusal back to the caller", async () => {
    await expect(remote.upsert([{ ...first, district: 'nowhere' } as SearchDocument])).rejects.toThrow(
      /search host/,
    );
  });

  it('rebuilds from streamed batches beside the live index and swaps at the end', async () => {
    await remote.clear();
    await remote.upsert([first]);
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    async function* batches() {
      yield [second];
      await paused;
      yield [third];
    }
    const progress: number[] = [];
    const rebuilding = remote.rebuild(batches(), (n) => progress.push(n));
    // The first batch went out; searches still answer from the old index.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await ids(remote)).toEqual([first.id]);
    release();
    expect(await rebuilding).toEqual({ indexed: 2 });
    expect(await ids(remote)).toEqual([second.id, third.id].sort());
    expect(progress.at(-1)).toBe(2);
  });

  it('keeps the old index when the caller of a rebuild fails midway', async () => {
    await remote.clear();
    await remote.upsert([first]);
    async function* failing() {
      yield [second];
      throw new Error('the database went away');
    }
    await expect(remote.rebuild(failing())).rejects.toThrow(/went away/);
    expect(await ids(remote)).toEqual([first.id]);
    // The engine is free for the next rebuild.
    expect(await remote.rebuild([[third]])).toEqual({ indexed: 1 });
  });
});
