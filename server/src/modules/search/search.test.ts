import { trusted } from 'mongoose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema, type Listing } from '@app/shared';
import { startTestServer, type TestClient, type TestServer } from '../../../test/harness.js';
import { buildOrganization, buildUser, signedIn } from '../../../test/factories.js';
import { ListingModel, type ListingRecord } from '../listings/model.js';
import { withCommittedListing } from '../listings/events.js';
import { toSearchDocument } from '../../search/listingDocument.js';
import { SearchReconciler } from '../../search/reconciler.js';
import { EventOutboxModel } from '../../lib/outbox.js';

let server: TestServer;
let resident: TestClient;
let org: TestClient;
let pudongOrg: TestClient;
const ids: Record<string, string> = {};

const base = { description: '', domains: ['elderly'], district: '310104' };
const fixtures: Record<string, object> = {
  meals: {
    ...base,
    side: 'need',
    kind: 'service',
    subkind: 'community-service',
    title: '独居老人上门助餐',
    description: '为行动不便的高龄老人每天中午送餐上门，希望有志愿者或社会组织承接。',
  },
  mealsOffer: {
    ...base,
    side: 'offer',
    kind: 'service',
    subkind: 'community-service',
    title: '长者食堂配餐服务',
    description: '我们的社区长者食堂可以为周边老人配送午餐。',
    district: '310112',
  },
  disability: {
    ...base,
    side: 'need',
    kind: 'talent',
    subkind: 'volunteer',
    title: '残障人士康复陪伴志愿者',
    description: '为社区残障人士提供每周两次的康复训练陪伴。',
    domains: ['disability'],
    district: '310105',
  },
  venueXuhui: {
    ...base,
    side: 'offer',
    kind: 'venue',
    subkind: 'meeting-room',
    title: '社区会议室免费借用',
    description: '可容纳30人，配投影，工作日晚间开放。',
    domains: ['community-governance'],
    capacity: 30,
  },
  venuePudong: {
    ...base,
    side: 'offer',
    kind: 'venue',
    subkind: 'event-space',
    title: '活动场地开放预约',
    description: '陆家嘴一处200平方米活动场地，周末可用。',
    domains: ['culture-sports'],
    district: '310115',
  },
  grant: {
    ...base,
    side: 'offer',
    kind: 'funding',
    subkind: 'grant',
    title: '社区养老项目小额资助',
    description: '资助社区养老服务项目，单个项目最高五万元。',
    amount: { min: 10000, max: 50000 },
  },
  legal: {
    ...base,
    side: 'offer',
    kind: 'service',
    subkind: 'legal',
    title: '公益法律咨询',
    description: '律师事务所每月为社会组织提供免费法律咨询。',
    domains: ['legal-aid'],
    district: '310101',
  },
};

beforeAll(async () => {
  server = await startTestServer();
  resident = (await signedIn(server, { role: 'resident' })).client;
  const member = await buildUser({ role: 'organization' });
  await buildOrganization(member, { name: '徐汇区阳光社工服务中心' });
  org = server.client();
  expect(
    (await org.post('/api/auth/login', { email: member.email, password: 'correct horse battery' })).status,
  ).toBe(200);
  // The organization's name is searchable too: the Pudong venue comes from an organization without 徐汇 in its name.
  const pudongMember = await buildUser({ role: 'organization' });
  await buildOrganization(pudongMember, { name: '浦东新区社区营造中心', district: '310115' });
  pudongOrg = server.client();
  expect(
    (
      await pudongOrg.post('/api/auth/login', {
        email: pudongMember.email,
        password: 'correct horse battery',
      })
    ).status,
  ).toBe(200);
  for (const [key, body] of Object.entries(fixtures)) {
    const side = (body as { side: string }).side;
    const client =
      key === 'venuePudong' ? pudongOrg : side === 'need' && key !== 'disability' ? resident : org;
    const res = await client.post('/api/listings', body);
    expect(res.status, key).toBe(201);
    ids[key] = res.body.listing.id;
  }
  await server.ctx.events.settle();
});
afterAll(async () => server?.stop());

const search = async (query: string) => {
  const res = await server.client().get(`/api/search?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    items: { id: string; title: string; highlight?: { title?: string } }[];
    total: number;
    facets: Record<string, Record<string, number>>;
  };
};
const q = (text: string) => `q=${encodeURIComponent(text)}`;

describe('Chinese search', () => {
  it('ranks the home-meal listing for elderly residents first for 老人 助餐', async () => {
    const result = await search(q('老人 助餐'));
    expect(result.items[0]?.id).toBe(ids.meals);
    expect(result.items[0]?.highlight?.title).toContain('<mark>');
  });

  it('finds 残障人士 when asked for 残疾人', async () => {
    const result = await search(q('残疾人'));
    expect(result.items.map((i) => i.id)).toContain(ids.disability);
  });

  it('finds venues in 徐汇区 for 场地 徐汇', async () => {
    const result = await search(q('场地 徐汇'));
    expect(result.items[0]?.id).toBe(ids.venueXuhui);
    expect(result.items.map((i) => i.id)).not.toContain(ids.legal);
  });
});

describe('filters and facets', () => {
  it('agree with the database', async () => {
    const result = await search('side=offer&domain=elderly&domain=legal-aid');
    const expected = await ListingModel.countDocuments({
      status: 'open',
      side: 'offer',
      domains: trusted({ $in: ['elderly', 'legal-aid'] }),
    });
    expect(result.total).toBe(expected);
    const all = await search('pageSize=100');
    for (const kind of ['service', 'venue', 'funding', 'talent']) {
      expect(all.facets.kind?.[kind] ?? 0, kind).toBe(
        await ListingModel.countDocuments({ status: 'open', kind }),
      );
    }
    expect(all.facets.district?.['310104']).toBe(
      await ListingModel.countDocuments({ status: 'open', district: '310104' }),
    );
    const venues = await search('kind=venue&district=310104');
    expect(venues.items.map((i) => i.id)).toEqual([ids.venueXuhui]);
  });

  it('filters by amount.max between amountMin and amountMax and counts the amount buckets', async () => {
    const all = await search('side=offer');
    expect(all.facets.amount).toEqual({ '50k-200k': 1 });
    expect((await search('amountMin=50000')).items.map((i) => i.id)).toEqual([ids.grant]);
    expect((await search('amountMin=50000.01')).total).toBe(0);
    expect((await search('amountMax=49999')).total).toBe(0);
    expect((await search('amountMin=10000&amountMax=60000')).items.map((i) => i.id)).toEqual([ids.grant]);
    const bad = await server.client().get('/api/search?amountMin=-1');
    expect(bad.status).toBe(400);
  });

  it('sorts by amount and by newest', async () => {
    const byAmount = await search('sort=amount&side=offer');
    expect(byAmount.items[0]?.id).toBe(ids.grant);
    const newest = await search('sort=newest');
    expect(newest.items[0]?.id).toBe(ids.legal);
  });

  it('drops a closed listing from search', async () => {
    const { client } = await signedIn(server, { role: 'resident' });
    const id = (await client.post('/api/listings', { ...fixtures.meals, title: '临时助餐需求' })).body.listing
      .id;
    await server.ctx.events.settle();
    expect((await search(q('临时助餐需求'))).items.map((i) => i.id)).toContain(id);
    await client.post(`/api/listings/${id}/close`);
    await server.ctx.events.settle();
    expect((await search(q('临时助餐需求'))).items.map((i) => i.id)).not.toContain(id);
  });

  it('finds a listing as soon as its POST is answered, and stops as soon as its close is', async () => {
    const { client } = await signedIn(server, { role: 'resident' });
    // No waiting in between: what the poster reads next already shows the write (read-your-writes).
    for (let i = 0; i < 5; i++) {
      const title = `即时可搜的送餐需求${i}号`;
      const posted = await client.post('/api/listings', { ...fixtures.meals, title });
      expect(posted.status).toBe(201);
      expect((await search(q(title))).items.map((item) => item.id)).toContain(posted.body.listing.id);
      expect((await client.post(`/api/listings/${posted.body.listing.id}/close`)).status).toBe(200);
      expect((await search(q(title))).items.map((item) => item.id)).not.toContain(posted.body.listing.id);
    }
  });
});

describe('bad input', () => {
  it('answers values outside the taxonomy, a 10,000-character q and $ keys with 400', async () => {
    const cases = [
      'kind=spaceship',
      'domain=astrology',
      'district=110101',
      'street=abc',
      q('老'.repeat(10_000)),
      'q[$ne]=x',
      'side[$gt]=',
      'pageSize=1000',
      'sort=price',
      'unknown=1',
    ];
    for (const query of cases) {
      const res = await server.client().get(`/api/search?${query}`);
      expect(res.status, query.slice(0, 40)).toBe(400);
      expect(errorBodySchema.parse(res.body).error.code).toBe('validation_failed');
    }
  });
});

describe('the answer', () => {
  it('carries its length, a weak ETag, the security headers and a request id, and a matching ETag gets 304', async () => {
    const url = `/api/search?${q('老人 助餐')}&district=310104&district=310112`;
    const res = await request(server.url).get(url).expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
    expect(res.headers.etag).toMatch(/^W\/"[0-9a-f]+-[\w+/]{27}"$/);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((res.body as { total: number }).total).toBeGreaterThan(0);
    const again = await request(server.url).get(url).set('If-None-Match', String(res.headers.etag));
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    // Another answer has another ETag.
    const other = await request(server.url).get(`/api/search?${q('老人')}`).set('If-None-Match', String(res.headers.etag));
    expect(other.status).toBe(200);
  });
});

describe('hits', () => {
  const legalFromApi = async () => {
    const res = await server.client().get(`/api/listings/${ids.legal}`);
    expect(res.status).toBe(200);
    return res.body.listing as Listing;
  };
  const legalItem = async () => {
    const item = (await search(q('公益法律咨询'))).items.find((i) => i.id === ids.legal);
    expect(item).toBeDefined();
    const { highlight, ...listing } = item as typeof item & { highlight?: unknown };
    expect(highlight).toBeDefined();
    return listing;
  };

  it('show each listing as GET /api/listings/:id shows it, from the listing the index stored', async () => {
    expect(await legalItem()).toEqual(await legalFromApi());
  });

  it('read the listing from the database when the index did not store it', async () => {
    const full = await legalFromApi();
    const { listing: _stored, ...withoutListing } = toSearchDocument(full);
    await server.ctx.search.upsert([withoutListing]);
    try {
      expect(await legalItem()).toEqual(full);
    } finally {
      await server.ctx.search.upsert([toSearchDocument(full)]);
    }
  });
});

describe('recovery', () => {
  it('restores the index after a crash between the database write and indexing', async () => {
    // As if the process died after committing but before indexing: the listing exists, the index never heard of it.
    const owner = await buildUser({ role: 'resident' });
    const orphan = await ListingModel.create({
      ...fixtures.meals,
      title: '崩溃后补录的助餐需求',
      ownerId: owner._id,
    });
    await EventOutboxModel.deleteMany({ 'payload.listingId': String(orphan._id) });
    expect((await search(q('崩溃后补录'))).items.map((i) => i.id)).not.toContain(String(orphan._id));
    const result = await new SearchReconciler(server.ctx.search, server.ctx.logger).reconcile();
    expect(result.rebuilt).toBe(true);
    expect((await search(q('崩溃后补录'))).items.map((i) => i.id)).toContain(String(orphan._id));
  });

  it('indexes what a crashed writer left in the outbox', async () => {
    const owner = await buildUser({ role: 'resident' });
    const pending = await ListingModel.create({
      ...fixtures.meals,
      title: '待索引的送餐需求',
      ownerId: owner._id,
    });
    // The event was recorded with the listing, and its writer's claim has lapsed.
    await EventOutboxModel.create({
      event: 'listing.changed',
      payload: { listingId: String(pending._id), change: 'created' },
    });
    expect((await search(q('待索引的送餐需求'))).items.map((i) => i.id)).not.toContain(String(pending._id));
    // The relay's poll delivers it to the index.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await search(q('待索引的送餐需求'))).items.map((i) => i.id)).toContain(String(pending._id));
    await server.ctx.events.settle();
    expect(await EventOutboxModel.countDocuments({ 'payload.listingId': String(pending._id) })).toBe(0);
  });

  it('shows a listing as it is now when a late delivery hands over the state its writer committed', async () => {
    const { client } = await signedIn(server, { role: 'resident' });
    const posted = await client.post('/api/listings', { ...fixtures.meals, title: '交接前的送餐需求' });
    const id = posted.body.listing.id as string;
    await server.ctx.events.settle();
    const asPosted = (await ListingModel.findById(id).lean<ListingRecord>())!;
    expect((await client.patch(`/api/listings/${id}`, { title: '交接后的送餐需求' })).status).toBe(200);
    // The first write's delivery, after the edit's: the indexer applies the old state, sees that the listing
    // changed since, and indexes it again as it is.
    server.ctx.events.emit('listing.changed', withCommittedListing({ listingId: id, change: 'created' }, asPosted));
    await server.ctx.events.settle();
    const titleInIndex = async () =>
      (await search(q('交接后的送餐需求'))).items.find((i) => i.id === id)?.title;
    await expect.poll(titleInIndex).toBe('交接后的送餐需求');
  });
});
