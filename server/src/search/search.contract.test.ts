/**
 * The search contract: one suite, run against every adapter. The embedded adapter always runs, alone and behind
 * the internal RPC of `WORKERS=n` (remote/); Meilisearch runs
 * when MEILI_HOST is set (with MEILI_MASTER_KEY if the server needs one), in an index of its own that is dropped
 * afterwards.
 */
import { amountBucketOf, distanceKm } from '@app/shared';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compoundWordCases, fixtureById, fixtureDocuments, storedListing } from './contract.fixtures.js';
import { amountSortValue } from './documentText.js';
import { EmbeddedSearchEngine } from './embedded/engine.js';
import { MeilisearchEngine } from './meilisearch/engine.js';
import { RemoteSearchEngine } from './remote/engine.js';
import { serveSearch, type SearchHost } from './remote/host.js';
import { createLogger } from '../lib/logger.js';
import type { FacetName, SearchDocument, SearchEngine, SearchFilters, SearchQuery } from './port.js';

const MEILI_HOST = process.env.MEILI_HOST;
const MEILI_KEY = process.env.MEILI_MASTER_KEY;
const run = `${process.pid}_${Date.now()}`;

interface Adapter {
  name: string;
  /** What `stats().engine` answers, when not the adapter's name. */
  engine?: string;
  enabled: boolean;
  make: () => SearchEngine | Promise<SearchEngine>;
  drop?: () => Promise<void>;
}

/** The embedded index behind the primary's RPC, as a worker of `WORKERS=n` reaches it. */
let remoteHost: SearchHost | undefined;

const adapters: Adapter[] = [
  { name: 'embedded', enabled: true, make: () => new EmbeddedSearchEngine(`contract_${run}`) },
  {
    name: 'remote',
    engine: 'embedded',
    enabled: true,
    make: async () => {
      remoteHost = await serveSearch(
        new EmbeddedSearchEngine(`contract_remote_${run}`),
        createLogger('silent'),
      );
      return new RemoteSearchEngine(remoteHost);
    },
    drop: async () => remoteHost?.close(),
  },
  {
    name: 'meilisearch',
    enabled: !!MEILI_HOST,
    make: () => new MeilisearchEngine({ host: MEILI_HOST!, apiKey: MEILI_KEY }, `contract_${run}`),
    drop: async () => {
      await new Meilisearch({ host: MEILI_HOST!, apiKey: MEILI_KEY }).deleteIndexIfExists(`contract_${run}`);
    },
  },
];
if (!MEILI_HOST) console.info('search contract: the Meilisearch run is skipped because MEILI_HOST is unset');

// ---- brute force over the fixtures, the reference every adapter must agree with --------------------------------

function passes(doc: SearchDocument, f: SearchFilters): boolean {
  const any = <T>(wanted: readonly T[] | undefined, value: T | null | undefined) =>
    !wanted?.length || (value != null && wanted.includes(value));
  return (
    (!f.side || doc.side === f.side) &&
    any(f.kind, doc.kind) &&
    any(f.subkind, doc.subkind) &&
    any(f.district, doc.district) &&
    any(f.street, doc.street) &&
    any(f.status, doc.status) &&
    (!f.domain?.length || doc.domains.some((d) => f.domain!.includes(d))) &&
    (f.verified === undefined || doc.verified === f.verified) &&
    (!f.amount ||
      (doc.amountMax != null &&
        doc.amountMax >= (f.amount.min ?? -Infinity) &&
        doc.amountMax <= (f.amount.max ?? Infinity)))
  );
}

function countFacets(docs: SearchDocument[], names: FacetName[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const name of names) {
    const counts: Record<string, number> = {};
    for (const doc of docs) {
      const values =
        name === 'domain'
          ? doc.domains
          : name === 'amount'
            ? [doc.amountMax != null ? amountBucketOf(doc.amountMax) : null]
            : [doc[name]];
      for (const v of values) if (v != null) counts[v] = (counts[v] ?? 0) + 1;
    }
    out[name] = counts;
  }
  return out;
}

const byId = (ids: string[]) => ids.map(fixtureById);

for (const adapter of adapters) {
  const title = `search contract: ${adapter.name}${adapter.enabled ? '' : ' (skipped: MEILI_HOST is unset)'}`;

  describe.skipIf(!adapter.enabled)(title, () => {
    let engine: SearchEngine;
    /** Every matching id, through pages of 100. */
    const allIds = async (query: SearchQuery) => {
      const ids: string[] = [];
      for (let page = 1; ; page++) {
        const r = await engine.search({ ...query, page, pageSize: 100 });
        ids.push(...r.hits.map((h) => h.id));
        if (r.hits.length < 100) return ids;
      }
    };

    beforeAll(async () => {
      engine = await adapter.make();
      await engine.ensureIndex();
      await engine.clear();
      await engine.upsert(fixtureDocuments);
    });

    afterAll(async () => {
      await engine?.close();
      await adapter.drop?.();
    });

    it('counts the indexed documents', async () => {
      expect(await engine.stats()).toMatchObject({
        engine: adapter.engine ?? adapter.name,
        documents: fixtureDocuments.length,
      });
    });

    describe('Chinese queries', () => {
      const open: SearchFilters = { status: ['open'] };

      it('"老人 助餐" ranks the home-meal listing for elderly residents first', async () => {
        const r = await engine.search({ q: '老人 助餐', filters: open });
        expect(r.hits[0]?.id).toBe('meal-elderly');
        expect(r.hits.map((h) => h.id)).not.toContain('closed-meal');
      });

      it('"残疾人" finds a listing that only says 残障人士', async () => {
        expect(fixtureById('disability-companion').description).not.toContain('残疾人');
        const ids = await allIds({ q: '残疾人' });
        expect(ids).toContain('disability-companion');
      });

      it('"场地 徐汇" finds the venues in 徐汇区 and nothing else', async () => {
        const ids = await allIds({ q: '场地 徐汇', filters: open });
        const venuesInXuhui = fixtureDocuments.filter((d) => d.kind === 'venue' && d.district === '310104');
        expect(venuesInXuhui.length).toBeGreaterThanOrEqual(3);
        expect(new Set(ids)).toEqual(new Set(venuesInXuhui.map((d) => d.id)));
      });

      it('matches a district by its short name and kinds and domains by their labels', async () => {
        const xuhui = await allIds({ q: '徐汇', filters: open });
        expect(xuhui.length).toBeGreaterThan(0);
        expect(byId(xuhui).every((d) => d.district === '310104')).toBe(true);
        const funding = await allIds({ q: '资金', filters: { kind: ['funding'] } });
        expect(funding.length).toBe(fixtureDocuments.filter((d) => d.kind === 'funding').length);
      });

      for (const { query, compound, id } of compoundWordCases) {
        it(`"${query}" finds a listing that has it only inside ${compound}`, async () => {
          const doc = fixtureById(id);
          const text = [doc.title, doc.organizationName ?? '', doc.description].join(' ');
          expect(text).toContain(compound);
          expect(text.replaceAll(compound, '')).not.toContain(query);
          expect(await allIds({ q: query })).toContain(id);
        });
      }

      it('finds Latin words by prefix, case-insensitively', async () => {
        expect(await allIds({ q: 'ngo' })).toEqual(['pro-bono-finance']);
        expect(await allIds({ q: 'Accountant' })).toEqual(['pro-bono-finance']);
      });

      it('reads a pinyin query as the Chinese words it spells, with or without spaces', async () => {
        const chinese = await allIds({ q: '老人 志愿者', filters: open });
        expect(chinese.length).toBeGreaterThan(0);
        for (const q of ['laoren zhiyuanzhe', 'laorenzhiyuanzhe', 'Lao Ren Zhi Yuan Zhe']) {
          expect(new Set(await allIds({ q, filters: open })), q).toEqual(new Set(chinese));
        }
        // Latin text that does not spell words whole stays as typed.
        expect(await allIds({ q: 'zhucanxyz' })).toEqual([]);
      });

      it('falls back to any word when no listing has them all', async () => {
        const ids = await allIds({ q: '独居 火箭发射', filters: open });
        expect(ids).toContain('meal-elderly');
      });

      it('marks matched words and escapes the rest of the text', async () => {
        const [top] = (await engine.search({ q: '老人 助餐', filters: open })).hits;
        expect(top?.highlight?.title).toMatch(/<mark>[^<]*(老人|助餐)[^<]*<\/mark>/);
        const [html] = (await engine.search({ q: '口罩' })).hits;
        expect(html?.id).toBe('html-title');
        expect(html?.highlight?.title).toContain('&lt;b&gt;');
        expect(html?.highlight?.title).not.toContain('<b>');
        expect(html?.highlight?.title).toContain('<mark>口罩</mark>');
      });

      it('leaves highlights out when asked to, and finds the same', async () => {
        const marked = await engine.search({ q: '老人 助餐', filters: open });
        const plain = await engine.search({ q: '老人 助餐', filters: open, highlight: false });
        expect(marked.hits.some((h) => h.highlight)).toBe(true);
        expect(plain.hits.some((h) => h.highlight)).toBe(false);
        expect(plain.hits.map((h) => h.id)).toEqual(marked.hits.map((h) => h.id));
        expect(plain.total).toBe(marked.total);
      });
    });

    describe('candidates', () => {
      const queries: SearchQuery[] = [
        { q: '老人 助餐', filters: { status: ['open'] }, pageSize: 10 },
        { filters: { domain: ['elderly'] }, sort: 'newest', pageSize: 10 },
        { filters: { district: ['310104'] }, sort: 'newest', pageSize: 10, facets: ['kind'] },
      ];

      it('are the listings of several searches, each once, in the order first found, nothing else', async () => {
        const found: string[] = [];
        for (const query of queries) found.push(...(await engine.search(query)).hits.map((h) => h.id));
        const once = [...new Set(found)];
        // The searches overlap, so the fixtures show duplicates left out.
        expect(found.length).toBeGreaterThan(once.length);
        const candidates = await engine.findCandidates(queries);
        expect(candidates.map((c) => c.id)).toEqual(once);
        // No scores, highlights or facets: only what a ranking reads.
        expect(candidates.every((c) => Object.keys(c).every((key) => key === 'id'))).toBe(true);
        expect(await engine.findCandidates([])).toEqual([]);
      });

      it('hand back the listing a document stored', async () => {
        const before = fixtureById('meal-elderly');
        const listing = storedListing(before, {
          ownerId: '65a000000000000000000002',
          organizationName: '长者之家 "助餐" <服务> 社',
          verified: true,
        });
        await engine.upsert([{ ...before, listing }]);
        try {
          const candidates = await engine.findCandidates(queries);
          expect(candidates.find((c) => c.id === before.id)).toEqual({ id: before.id, listing });
          expect(candidates.filter((c) => c.id !== before.id).every((c) => !c.listing)).toBe(true);
        } finally {
          await engine.upsert([before]);
        }
      });
    });

    describe('filters and facets', () => {
      const facetNames: FacetName[] = ['side', 'kind', 'domain', 'district', 'status', 'amount'];
      const cases: SearchFilters[] = [
        {},
        { side: 'offer' },
        { kind: ['venue', 'funding'] },
        { domain: ['elderly', 'disability'], status: ['open'] },
        { district: ['310104', '310115'], side: 'need' },
        { street: ['310104011', '310104014'] },
        { verified: true, kind: ['funding'] },
        { subkind: ['grant'], status: ['open'] },
        { district: ['310101'] },
        { amount: { min: 10_000 } },
        { amount: { max: 49_999 }, kind: ['funding'] },
        { amount: { min: 10_000, max: 200_000 }, status: ['open'] },
        { amount: { min: 300_000, max: 100 } },
      ];

      for (const filters of cases) {
        it(`agree with a brute-force count for ${JSON.stringify(filters)}`, async () => {
          const expected = fixtureDocuments.filter((d) => passes(d, filters));
          const r = await engine.search({ filters, facets: facetNames, pageSize: 100 });
          expect(r.total).toBe(expected.length);
          expect(new Set(r.hits.map((h) => h.id))).toEqual(new Set(expected.map((d) => d.id)));
          expect(r.facets).toEqual(countFacets(expected, facetNames));
        });
      }

      it('filter by amount.max with inclusive bounds and count it in buckets', async () => {
        const withMax = fixtureDocuments.filter((d) => d.amountMax != null);
        expect(new Set(withMax.map((d) => amountBucketOf(d.amountMax!))).size).toBeGreaterThanOrEqual(3);
        const edge = withMax[0]!.amountMax!;
        const exact = await allIds({ filters: { amount: { min: edge, max: edge } } });
        expect(exact).toContain(withMax[0]!.id);
        expect(byId(exact).every((d) => d.amountMax === edge)).toBe(true);
        const r = await engine.search({ q: '资助', facets: ['amount'], filters: { amount: { min: 1 } } });
        expect(
          Object.keys(r.facets.amount ?? {}).every((b) =>
            ['lt10k', '10k-50k', '50k-200k', 'gte200k'].includes(b),
          ),
        ).toBe(true);
        expect(Object.values(r.facets.amount ?? {}).reduce((s, n) => s + n, 0)).toBe(r.total);
      });

      it('count facets over every match of a text query, not only the page', async () => {
        const query: SearchQuery = { q: '老人', facets: ['kind', 'domain', 'district'] };
        const ids = await allIds(query);
        const r = await engine.search({ ...query, pageSize: 1 });
        expect(r.hits).toHaveLength(1);
        expect(r.total).toBe(ids.length);
        expect(r.facets).toEqual(countFacets(byId(ids), ['kind', 'domain', 'district']));
      });

      it('combine a text query with filters', async () => {
        const ids = await allIds({ q: '志愿者', filters: { district: ['310110', '310115'] } });
        expect(ids.length).toBeGreaterThan(0);
        expect(byId(ids).every((d) => ['310110', '310115'].includes(d.district))).toBe(true);
      });

      it('keep listings within a radius of a point, nearest first', async () => {
        const centre = fixtureById('meal-elderly')._geo!;
        const near = fixtureDocuments.filter((d) => d._geo && distanceKm(centre, d._geo) <= 3);
        const r = await engine.search({ geo: { ...centre, radiusKm: 3 }, sort: 'distance', pageSize: 100 });
        expect(new Set(r.hits.map((h) => h.id))).toEqual(new Set(near.map((d) => d.id)));
        const distances = byId(r.hits.map((h) => h.id)).map((d) => distanceKm(centre, d._geo!));
        expect(distances).toEqual([...distances].sort((a, b) => a - b));
        expect(r.hits[0]?.id).toBe('meal-elderly');
      });
    });

    describe('sorting and paging', () => {
      it('sorts by newest', async () => {
        const r = await engine.search({ q: '社区', sort: 'newest', pageSize: 100 });
        const times = byId(r.hits.map((h) => h.id)).map((d) => d.createdAt);
        expect(times.length).toBeGreaterThan(2);
        expect(times).toEqual([...times].sort((a, b) => b - a));
      });

      it('sorts by amount, largest first, listings without an amount last', async () => {
        const r = await engine.search({ filters: { kind: ['funding'] }, sort: 'amount', pageSize: 100 });
        const amounts = byId(r.hits.map((h) => h.id)).map(amountSortValue);
        expect(amounts[0]).toBe(500_000);
        expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
        const all = await engine.search({ sort: 'amount', pageSize: 100 });
        const last = byId(all.hits.map((h) => h.id)).map(amountSortValue);
        expect(last.indexOf(-1)).toBe(fixtureDocuments.filter((d) => amountSortValue(d) >= 0).length);
      });

      it('pages through every match once, with a stable total', async () => {
        const everything = await allIds({ sort: 'newest' });
        expect(everything).toHaveLength(fixtureDocuments.length);
        const seen: string[] = [];
        for (let page = 1; page <= 8; page++) {
          const r = await engine.search({ sort: 'newest', page, pageSize: 3 });
          expect(r.total).toBe(fixtureDocuments.length);
          expect(r).toMatchObject({ page, pageSize: 3 });
          seen.push(...r.hits.map((h) => h.id));
        }
        expect(seen).toEqual(everything);
        const beyond = await engine.search({ page: 50, pageSize: 10 });
        expect(beyond.hits).toEqual([]);
        expect(beyond.total).toBe(fixtureDocuments.length);
      });
    });

    describe('writes', () => {
      it('upsert replaces a document by id', async () => {
        const before = fixtureById('venue-pudong');
        expect(await allIds({ q: '天文台' })).toEqual([]);
        await engine.upsert([{ ...before, title: '天文台观测室对外开放', description: '每周五晚上开放。' }]);
        expect(await allIds({ q: '天文台' })).toEqual(['venue-pudong']);
        expect(await allIds({ q: '工位' })).not.toContain('venue-pudong');
        expect((await engine.stats()).documents).toBe(fixtureDocuments.length);
        await engine.upsert([before]);
        expect(await allIds({ q: '天文台' })).toEqual([]);
        expect(await allIds({ q: '工位' })).toContain('venue-pudong');
      });

      it('delete removes a document and ignores unknown ids', async () => {
        const doc = fixtureById('no-geo');
        expect(await allIds({ q: '宣传片' })).toEqual(['no-geo']);
        await engine.delete(['no-geo', 'never-indexed']);
        expect(await allIds({ q: '宣传片' })).toEqual([]);
        expect((await engine.search({})).total).toBe(fixtureDocuments.length - 1);
        await engine.upsert([doc]);
        expect(await allIds({ q: '宣传片' })).toEqual(['no-geo']);
      });

      it('hands back the listing a document stored with its hit, unchanged and unsearched', async () => {
        const before = fixtureById('venue-pudong');
        const listing = storedListing(before, {
          amount: { max: 3000 },
          eligibility: { orgTypes: ['social-group'], districts: ['310115'] },
          ownerId: '65a000000000000000000001',
          organizationName: 'Zyxwvut Observatory',
          verified: false,
          createdAt: '2026-11-01T02:00:00.000Z',
          updatedAt: '2026-11-02T03:00:00.000Z',
        });
        await engine.upsert([{ ...before, listing }]);
        try {
          const { hits } = await engine.search({ q: '工位', pageSize: 50 });
          expect(hits.find((h) => h.id === before.id)?.listing).toEqual(listing);
          expect(hits.filter((h) => h.id !== before.id).every((h) => h.listing === undefined)).toBe(true);
          // Stored, not searched: words found only in the stored listing find nothing.
          expect(await allIds({ q: 'zyxwvut' })).toEqual([]);
        } finally {
          await engine.upsert([before]);
        }
        const { hits } = await engine.search({ q: '工位', pageSize: 50 });
        expect(hits.find((h) => h.id === before.id)?.listing).toBeUndefined();
      });

      it('refuses a document that breaks the schema', async () => {
        await expect(engine.upsert([{ ...fixtureById('no-geo'), district: '999999' }])).rejects.toThrow();
        expect(await allIds({ q: '宣传片' })).toEqual(['no-geo']);
      });

      it('rebuilds into a fresh index and swaps it in', async () => {
        const progress: number[] = [];
        const batches = [fixtureDocuments.slice(0, 8), fixtureDocuments.slice(8, 15)];
        const { indexed } = await engine.rebuild(batches, (n) => progress.push(n));
        expect(indexed).toBe(15);
        expect(progress).toEqual([8, 15]);
        expect((await engine.stats()).documents).toBe(15);
        expect((await engine.search({})).total).toBe(15);
        await engine.rebuild([fixtureDocuments]);
        expect((await engine.search({})).total).toBe(fixtureDocuments.length);
        expect((await engine.search({ q: '老人 助餐', filters: { status: ['open'] } })).hits[0]?.id).toBe(
          'meal-elderly',
        );
      });

      it('clear removes everything', async () => {
        await engine.clear();
        expect((await engine.stats()).documents).toBe(0);
        expect((await engine.search({ q: '老人' })).total).toBe(0);
      });
    });
  });
}
