import { describe, expect, it } from 'vitest';
import { fixtureById, fixtureDocuments } from '../contract.fixtures.js';
import { createSearchEngine } from '../index.js';
import type { SearchDocument } from '../port.js';
import { EmbeddedSearchEngine } from './engine.js';

describe('embedded search adapter', () => {
  it('ranks the query as a phrase in the title, in the asked district, above listings that only mention it', async () => {
    const engine = new EmbeddedSearchEngine();
    await engine.ensureIndex();
    const base = fixtureById('meal-elderly');
    const mentions: SearchDocument[] = Array.from({ length: 300 }, (_, i) => ({
      ...base,
      id: `mention-${i}`,
      title: i % 2 ? '长者服务站招募' : '社区睦邻活动',
      description: '我们的社区活动包括助餐、送餐、探访等，欢迎居民参加助餐和送餐活动。',
      createdAt: base.createdAt + i,
    }));
    const scattered = {
      ...base,
      id: 'scattered',
      title: '送餐志愿者与助餐点',
      createdAt: base.createdAt - 10,
    };
    const phrase = { ...base, id: 'phrase', title: '独居老人助餐送餐上门', createdAt: base.createdAt - 20 };
    await engine.upsert([...mentions, scattered, phrase]);
    const ids = (await engine.search({ q: '徐汇 助餐送餐', pageSize: 5 })).hits.map((h) => h.id);
    expect(ids.slice(0, 2)).toEqual(['phrase', 'scattered']);
  });

  it('reads pinyin as the words its listings use, learns words indexed later, and keeps Latin words it holds', async () => {
    const engine = new EmbeddedSearchEngine();
    await engine.ensureIndex();
    await engine.upsert(fixtureDocuments);
    // zhucan spells 助餐 and 助残 alike: the listings here say 助餐 more often.
    expect((await engine.search({ q: 'zhucan', filters: { status: ['open'] } })).hits[0]?.id).toBe(
      'meal-elderly',
    );
    const base = fixtureById('meal-elderly');
    await engine.upsert([
      { ...base, id: 'sign', title: '手语翻译服务', description: '为听障居民提供手语翻译。' },
      { ...base, id: 'latin', title: 'Xiamen 交流活动', description: '与 xiamen 的社会组织交流。' },
    ]);
    expect((await engine.search({ q: 'shouyu fanyi' })).hits.map((h) => h.id)).toEqual(['sign']);
    // xiamen is a word of the index itself, so it is searched as typed, not as 厦门.
    expect((await engine.search({ q: 'xiamen' })).hits.map((h) => h.id)).toEqual(['latin']);
  });

  it('keeps writes made while a rebuild runs', async () => {
    const engine = new EmbeddedSearchEngine();
    await engine.ensureIndex();
    await engine.upsert(fixtureDocuments);
    const renamed: SearchDocument = { ...fixtureById('venue-pudong'), title: '天文台观测室' };
    async function* slowSource() {
      yield fixtureDocuments.slice(0, 10);
      // While the rebuild waits for its next batch, the listings module writes to the live index.
      await engine.upsert([renamed]);
      await engine.delete(['meal-elderly']);
      yield fixtureDocuments.slice(10);
    }
    await engine.rebuild(slowSource());
    expect((await engine.stats()).documents).toBe(fixtureDocuments.length - 1);
    expect((await engine.search({ q: '天文台' })).hits.map((h) => h.id)).toEqual(['venue-pudong']);
    expect((await engine.search({ q: '独居' })).hits.map((h) => h.id)).not.toContain('meal-elderly');
  });

  it('answers searches from the old index until the rebuild is complete', async () => {
    const engine = new EmbeddedSearchEngine();
    await engine.ensureIndex();
    await engine.upsert(fixtureDocuments);
    let during = -1;
    async function* source() {
      yield fixtureDocuments.slice(0, 3);
      during = (await engine.search({})).total;
      yield fixtureDocuments.slice(3, 5);
    }
    await engine.rebuild(source());
    expect(during).toBe(fixtureDocuments.length);
    expect((await engine.search({})).total).toBe(5);
  });

  it('reuses the slots of deleted listings', async () => {
    const engine = new EmbeddedSearchEngine();
    await engine.ensureIndex();
    for (let round = 0; round < 3; round++) {
      await engine.upsert(fixtureDocuments);
      await engine.delete(fixtureDocuments.map((d) => d.id));
    }
    await engine.upsert(fixtureDocuments);
    const r = await engine.search({ q: '老人 助餐', filters: { status: ['open'] }, facets: ['kind'] });
    expect(r.hits[0]?.id).toBe('meal-elderly');
    expect((await engine.search({})).total).toBe(fixtureDocuments.length);
  });

  it('counts only the listings it holds in the word statistics, once some are deleted', async () => {
    // A deleted listing's postings go with it: the word is as rare as the listings left make it.
    const engine = new EmbeddedSearchEngine();
    await engine.ensureIndex();
    const docs = Array.from({ length: 30 }, (_, i) => ({
      ...fixtureDocuments[i % fixtureDocuments.length]!,
      id: `d${i}`,
      title: `天文台 观测 ${i}`,
    }));
    await engine.upsert([...fixtureDocuments, ...docs]);
    await engine.delete(docs.slice(0, 27).map((d) => d.id));
    for (const q of ['天文台', '天文台 观测']) {
      const r = await engine.search({ q, facets: ['kind'] });
      expect(r.hits.map((h) => h.id).sort()).toEqual(['d27', 'd28', 'd29']);
      expect(r.hits.every((h) => h.score > 0)).toBe(true);
    }
    const fresh = new EmbeddedSearchEngine();
    await fresh.ensureIndex();
    await fresh.upsert([...fixtureDocuments, ...docs.slice(27)]);
    for (const q of ['天文台 观测', '老人 助餐', 'ngo']) {
      expect((await engine.search({ q })).hits).toEqual((await fresh.search({ q })).hits);
    }
  });

  it('refuses a distance sort without a point', async () => {
    const engine = new EmbeddedSearchEngine();
    await engine.ensureIndex();
    await expect(engine.search({ sort: 'distance' })).rejects.toThrow(/geo point/);
  });
});

describe('createSearchEngine', () => {
  it('picks Meilisearch when MEILI_HOST is set, the embedded adapter otherwise', () => {
    expect(createSearchEngine({ MEILI_HOST: undefined, MEILI_MASTER_KEY: undefined }).engine).toBe(
      'embedded',
    );
    expect(createSearchEngine({ MEILI_HOST: 'http://127.0.0.1:7700', MEILI_MASTER_KEY: 'k' }).engine).toBe(
      'meilisearch',
    );
  });
});
