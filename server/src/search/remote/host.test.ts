import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listing } from '@app/shared';
import { jsonOf, parseKeepingText, unreadText } from '../../lib/jsonText.js';
import { createLogger } from '../../lib/logger.js';
import { fixtureDocuments, storedListing } from '../contract.fixtures.js';
import { EmbeddedSearchEngine } from '../embedded/engine.js';
import type { SearchDocument, SearchQuery } from '../port.js';
import { RemoteSearchEngine } from './engine.js';
import { serveSearch, type SearchHost } from './host.js';
import { answerFrames, frame, FrameReader, FrameTooLarge } from './protocol.js';

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
/** The document with the listing a hit hands back. */
const withListing = (doc: SearchDocument): SearchDocument => ({
  ...doc,
  listing: storedListing(doc, { ownerId: '65a000000000000000000003', verified: doc.verified }),
});
const ids = async (engine: { search: EmbeddedSearchEngine['search'] }) =>
  (await engine.search({ pageSize: 100 })).hits.map((h) => h.id).sort();

/** Sends `frames` on a connection of its own; resolves with the answers once the host closes it or `count` came. */
function exchange(frames: unknown[], count: number): Promise<{ answers: unknown[]; closed: boolean }> {
  const url = new URL(host.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    const reader = new FrameReader();
    const answers: unknown[] = [];
    const done = (closed: boolean) => {
      socket.destroy();
      resolve({ answers, closed });
    };
    socket.on('data', (chunk: Buffer) => {
      answers.push(...reader.push(chunk));
      if (answers.length >= count) done(false);
    });
    socket.on('end', () => done(true));
    socket.on('error', reject);
    for (const value of frames) socket.write(frame(value));
  });
}

describe('the search RPC frames', () => {
  it('reassembles frames however the stream cuts them, and refuses one over the limit', () => {
    const values = [{ id: 1, call: 'search', args: [{ q: '老人 助餐' }] }, 'x'.repeat(300), null, [1, 2]];
    const bytes = Buffer.concat(values.map((value) => frame(value)));
    for (const cut of [1, 2, 3, 5, 7, 64, bytes.length]) {
      const reader = new FrameReader();
      const seen: unknown[] = [];
      for (let at = 0; at < bytes.length; at += cut) seen.push(...reader.push(bytes.subarray(at, at + cut)));
      expect(seen).toEqual(values);
    }
    expect(() => new FrameReader(100).push(frame('y'.repeat(200)))).toThrow(FrameTooLarge);
  });

  it("sends a search's or candidates' listings after the answer, one frame each, as the index kept their text", () => {
    // Text JSON.stringify would not make (spaces), to see it is the kept text that goes out.
    const kept = '{"id":"a", "title":"独居老人 \\"助餐\\""}';
    const listing = parseKeepingText(kept) as Listing;
    const highlight = { title: '独居<mark>老人</mark>' };
    const rest = { total: 2, page: 1, pageSize: 20, facets: { kind: { service: 2 } } };
    const search = {
      hits: [
        { id: 'b', score: 1.5 },
        { id: 'a', score: 0.5, listing, highlight },
      ],
      ...rest,
    };
    const bytes = answerFrames(7, 'search', search);
    expect(bytes.includes(Buffer.from(kept))).toBe(true);
    expect(new FrameReader().push(bytes)).toEqual([
      {
        id: 7,
        result: {
          hits: [
            { id: 'b', score: 1.5 },
            { id: 'a', score: 0.5, highlight },
          ],
          ...rest,
        },
        listed: [1],
      },
      JSON.parse(kept),
    ]);
    expect(
      new FrameReader().push(answerFrames(8, 'findCandidates', [{ id: 'a', listing }, { id: 'b' }])),
    ).toEqual([{ id: 8, result: [{ id: 'a' }, { id: 'b' }], listed: [0] }, JSON.parse(kept)]);
    // Without listings, and for any other call, the answer alone.
    expect(answerFrames(9, 'findCandidates', [{ id: 'b' }])).toEqual(frame({ id: 9, result: [{ id: 'b' }] }));
    expect(answerFrames(10, 'stats', { documents: 3 })).toEqual(frame({ id: 10, result: { documents: 3 } }));
    expect(answerFrames(11, 'clear', undefined)).toEqual(frame({ id: 11, result: null }));
  });
});

describe('the search host', () => {
  it('answers only on 127.0.0.1 and only on a connection opened with the token of this start', async () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
    const stats = { id: 7, call: 'stats', args: [] };
    for (const hello of [{}, { token: 'x'.repeat(host.token.length) }, stats]) {
      const refused = await exchange([hello, stats], 2);
      expect(refused.closed).toBe(true);
      expect(refused.answers).toEqual([{ id: 0, status: 401, error: 'a valid search token is required' }]);
    }
    const wrong = new RemoteSearchEngine({ url: host.url, token: 'y'.repeat(host.token.length) });
    await expect(wrong.stats()).rejects.toThrow(/search host: a valid search token is required/);
    await wrong.close();

    const { answers } = await exchange(
      [{ token: host.token }, stats, { id: 8, call: 'snapshot', args: [] }, { id: 9, call: 'stats' }],
      3,
    );
    expect(answers).toContainEqual({ id: 7, result: expect.objectContaining({ engine: 'embedded' }) });
    expect(answers).toContainEqual({ id: 8, status: 404, error: 'no such call' });
    expect(answers).toContainEqual({ id: 9, status: 400, error: 'the arguments must be an array' });
  });

  it('answers calls pipelined on one connection, each to its caller, with its own listings', async () => {
    await remote.clear();
    // Two of the three with the listing a hit hands back, which follows its answer in frames of its own.
    await remote.upsert([first, second].map(withListing).concat(third));
    const queries = [first, second, third].map((doc) => ({ q: doc.title, pageSize: 1 }));
    const alone: unknown[] = [];
    for (const query of queries) alone.push(await local.search(query), await local.findCandidates([query]));
    expect(alone.filter((r) => JSON.stringify(r).includes('"listing"'))).toHaveLength(4);
    const together = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 2 ? remote.findCandidates([queries[(i >> 1) % 3]!]) : remote.search(queries[(i >> 1) % 3]!),
      ),
    );
    together.forEach((result, i) => expect(result).toEqual(alone[((i >> 1) % 3) * 2 + (i % 2)]));
  });

  it("hands the candidates' listings over as the bytes the index keeps, the same as decoded and written out", async () => {
    await remote.clear();
    // Stored alone (its texts are the document's), stored beside other texts (a title that differs), and none.
    const beside = { ...withListing(second), title: `${second.title} 新` };
    await remote.upsert(
      fixtureDocuments.map((doc, i) => (doc.id === second.id ? beside : i % 2 ? doc : withListing(doc))),
    );
    const queries = [
      { q: first.title, pageSize: 50 },
      { filters: { side: 'offer' as const }, sort: 'newest' as const, pageSize: 50 },
      { filters: { district: [third.district] }, sort: 'newest' as const, pageSize: 50 },
      { q: beside.title, pageSize: 5 },
    ];
    const stored = await local.storedCandidates(queries);
    const decoded = await local.findCandidates(queries);
    expect(stored.map((c) => c.id)).toEqual(decoded.map((c) => c.id));
    expect(stored.filter((c) => c.listingJson)).toHaveLength(decoded.filter((c) => c.listing).length);
    expect(decoded.some((c) => c.id === beside.id && c.listing)).toBe(true);
    expect(decoded.some((c) => !c.listing)).toBe(true);
    expect(answerFrames(3, 'findCandidates', stored).equals(answerFrames(3, 'findCandidates', decoded))).toBe(
      true,
    );
    // Over the RPC, the worker gets what the in-process adapter gives, each listing's text kept.
    const found = await remote.findCandidates(queries);
    expect(found).toEqual(decoded);
    for (const [i, hit] of found.entries()) {
      if (hit.listing) expect(jsonOf(hit.listing)).toBe(jsonOf(decoded[i]!.listing));
    }
  });

  it("leaves a search's listings as the text that came until they are read", async () => {
    await remote.clear();
    await remote.upsert([withListing(first)]);
    const query = { q: first.title, pageSize: 1 };
    const [hit] = (await remote.search(query)).hits;
    const [expected] = (await local.search(query)).hits;
    const text = unreadText(hit!, 'listing');
    expect(text).toBeDefined();
    expect(JSON.parse(text!)).toEqual(expected!.listing);
    expect(hit!.listing).toEqual(expected!.listing);
    expect(unreadText(hit!, 'listing')).toBeUndefined();
    const [candidate] = await remote.findCandidates([query]);
    expect(candidate!.listing).toEqual(expected!.listing);
  });

  it("keeps the candidates' listings on the connection once asked for twice, and sends them again when changed", async () => {
    // On a connection of its own: nothing held from the tests before.
    const drop = () => (remote as unknown as { socket: { destroy(): void } }).socket.destroy();
    drop();
    await remote.clear();
    const titled = (doc: SearchDocument, title: string) => withListing({ ...doc, title });
    const queries: SearchQuery[] = [
      { filters: { side: 'offer' }, sort: 'newest', pageSize: 50 },
      { filters: { side: 'need' }, sort: 'newest', pageSize: 50 },
    ];
    const texts = (hits: { listing?: unknown }[]) =>
      hits.map((hit) => (hit.listing ? jsonOf(hit.listing) : null));
    await remote.upsert(fixtureDocuments.map(withListing));
    const once = await remote.findCandidates(queries);
    expect(once.length).toBe(fixtureDocuments.length);
    expect(texts(once)).toEqual(texts(await local.findCandidates(queries)));
    // Asked a second time, each is kept; the third time they are the very objects the worker holds.
    const twice = await remote.findCandidates(queries);
    expect(twice).toEqual(once);
    twice.forEach((hit, i) => expect(hit.listing).not.toBe(once[i]!.listing));
    const thrice = await remote.findCandidates(queries);
    expect(thrice).toEqual(once);
    thrice.forEach((hit, i) => expect(hit.listing).toBe(twice[i]!.listing));

    // One listing edited: that one comes anew, the others are still held.
    const edited = fixtureDocuments[2]!;
    await remote.upsert([titled(edited, `${edited.title} 新`)]);
    const after = await remote.findCandidates(queries);
    expect(texts(after)).toEqual(texts(await local.findCandidates(queries)));
    for (const hit of after) {
      const before = twice.find((h) => h.id === hit.id)!;
      if (hit.id === edited.id) {
        expect(hit.listing).not.toBe(before.listing);
        expect((hit.listing as { title: string }).title).toBe(`${edited.title} 新`);
      } else expect(hit.listing).toBe(before.listing);
    }

    // A new connection starts with nothing held, on both sides.
    drop();
    const fresh = await remote.findCandidates(queries);
    expect(texts(fresh)).toEqual(texts(after));
    fresh.forEach((hit, i) => expect(hit.listing).not.toBe(after[i]!.listing));
  });

  it('fails the calls in flight when the connection drops, and opens a new one for the next', async () => {
    const pending = remote.stats();
    (remote as unknown as { socket: { destroy(): void } }).socket.destroy();
    await expect(pending).rejects.toThrow(/connection closed/);
    expect((await remote.stats()).engine).toBe('embedded');
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
