import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestClient, type TestServer } from '../../../test/harness.js';
import { buildOrganization, buildUser, signedIn, login } from '../../../test/factories.js';
import { countListing, ensureListingCounts, rebuildListingCounts } from './counting.js';
import { CounterStateModel, ListingCountModel, ListingMarkModel } from './model.js';
import { dayKey, periodBuckets } from './period.js';
import { statsOf } from './testing.js';
import { ListingModel } from '../listings/model.js';
import { countedListing } from '../listings/stats.js';

/*
 * The counters of listings posted, kept by the `listing.changed` subscriber, against the same counters rebuilt
 * from the listings, and against figures counted by hand: listings posted and edited through the API.
 */

let server: TestServer;
let bureau: TestClient;
let poster: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  bureau = (await signedIn(server, { role: 'bureau' })).client;
  const member = await buildUser({ role: 'organization' });
  await buildOrganization(member, { verification: { status: 'verified' } });
  poster = server.client();
  await login(poster, member.email);
});
afterAll(async () => {
  await server?.stop();
});

const listing = (side: 'need' | 'offer', district: string, domains: string[]) => ({
  side,
  kind: 'service',
  subkind: 'community-service',
  title: side === 'need' ? '社区长者午餐送餐' : '长者助餐服务',
  description: '天平路街道的独居高龄老人每天中午的午餐送餐上门。',
  domains,
  district,
});

/** Every counter and every mark, in a stable order, with the counts that went back to 0 left out. */
async function snapshot() {
  const drop0 = (o: Record<string, number> | undefined) =>
    Object.fromEntries(Object.entries(o ?? {}).filter(([, n]) => n !== 0));
  const counters = (
    await ListingCountModel.find().select({ _id: 0 }).sort({ bucket: 1, side: 1, district: 1 }).lean()
  )
    .map((c) => ({
      ...c,
      n: c.n ?? 0,
      priority: c.priority ?? 0,
      domains: drop0(c.domains as Record<string, number>),
      priorityBy: drop0(c.priorityBy as Record<string, number>),
      pairs: drop0(c.pairs as Record<string, number>),
    }))
    .filter((c) => c.n !== 0);
  const marks = await ListingMarkModel.find().sort({ _id: 1 }).lean();
  return { counters, marks };
}

describe('the counters of listings posted', () => {
  it('follow posting and editing through the API, equal a rebuild, and give the figures counted by hand', async () => {
    const posted = [];
    for (const body of [
      listing('need', '310104', ['elderly']),
      listing('need', '310104', ['elderly', 'education']),
      listing('offer', '310115', ['education']),
      listing('need', '310115', ['culture-sports']),
    ]) {
      const res = await poster.post('/api/listings', body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      posted.push((res.body as { listing: { id: string } }).listing);
    }
    // The second need moves to Pudong and loses its priority domain.
    const edit = await poster.patch(`/api/listings/${posted[1]!.id}`, {
      district: '310115',
      domains: ['education'],
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    await server.ctx.events.settle();

    const kept = await snapshot();
    expect(kept.marks).toHaveLength(4);
    const today = dayKey(new Date());
    const row = (bucket: string, side: string, district: string) =>
      kept.counters.find((c) => c.bucket === bucket && c.side === side && c.district === district);
    expect(row(today, 'need', '310104')).toMatchObject({ n: 1, priority: 1, domains: { elderly: 1 } });
    expect(row(today, 'need', '310104')!.pairs).toEqual({});
    expect(row(today, 'need', '310115')).toMatchObject({ n: 2, priority: 0 });
    expect(row(today.slice(0, 7), 'need', '310115')!.domains).toEqual({
      education: 1,
      'culture-sports': 1,
    });

    // Delivered again, an event changes nothing.
    await countListing(posted[1]!.id);
    await countListing(posted[0]!.id);
    expect(await snapshot()).toEqual(kept);

    await rebuildListingCounts();
    expect(await snapshot()).toEqual(kept);
    expect(await ensureListingCounts()).toBe(false);

    const s = await statsOf(bureau);
    expect(s.needs.posted).toBe(3);
    expect(s.offers.posted).toBe(1);
    expect(s.priorityDomainShare).toBe(0.25);
    expect(s.byDistrict['310104']!.needs).toBe(1);
    expect(s.byDistrict['310115']!.needs).toBe(2);
    expect(s.byMonth.at(-1)!.needs).toBe(3);
    const education = await statsOf(bureau, 'domain=education');
    expect(education.needs.posted).toBe(1);
    expect(education.offers.posted).toBe(1);
    expect(education.byDomain.find((d) => d.domain === 'education')).toMatchObject({ needs: 1, offers: 1 });
    expect(education.byDomain.find((d) => d.domain === 'elderly')).toMatchObject({ needs: 0 });
    const pudong = await statsOf(bureau, 'district=310115');
    expect(pudong.needs.posted).toBe(2);
    expect(pudong.priorityDomainShare).toBe(0);
  });

  it('stay exact when deliveries of one listing overlap its changes, or bring it as it was', async () => {
    await server.ctx.events.settle();
    const res = await poster.post('/api/listings', listing('need', '310104', ['elderly']));
    expect(res.status).toBe(201);
    const id = (res.body as { listing: { id: string } }).listing.id;
    await server.ctx.events.settle();
    // The listing as its writer committed it: handed over after the changes below, it is out of date.
    const asPosted = (await countedListing(id))!;
    const changes: [string, string[]][] = [
      ['310115', ['education']],
      ['310104', ['elderly', 'education']],
      ['310101', []],
      ['310104', ['elderly']],
      ['310115', ['elderly', 'education']],
    ];
    const deliveries: Promise<void>[] = [];
    for (const [district, domains] of changes) {
      await ListingModel.updateOne({ _id: id }, { $set: { district, domains } });
      // Each change's own delivery starts after it; redeliveries and the first write's late one overlap them.
      deliveries.push(countListing(id), countListing(id, asPosted), countListing(id));
    }
    const outcomes = await Promise.allSettled(deliveries);
    // A delivery that found the listing changed under every count fails; the outbox delivers it again.
    for (const o of outcomes) if (o.status === 'rejected') await countListing(id);
    // The first write's delivery, last of all: it swaps its mark in, reads the listing again, and counts again.
    await countListing(id, asPosted);

    const kept = await snapshot();
    const mark = kept.marks.find((m) => String(m._id) === id);
    expect(JSON.parse(mark!.m as string).slice(1)).toEqual(['need', '310115', 'education', 'elderly']);
    await rebuildListingCounts();
    expect(await snapshot()).toEqual(kept);
  });

  it("stay exact when a creation's delivery, swapping its mark in unread, overlaps the listing's changes", async () => {
    await server.ctx.events.settle();
    // Stored behind the service's back: no mark yet and nothing counted, as right after its writer committed it.
    const owner = (await ListingModel.findOne().lean())!.ownerId;
    const created = await ListingModel.create({ ...listing('need', '310104', ['elderly']), ownerId: owner });
    const id = String(created._id);
    const asPosted = (await countedListing(id))!;
    const changes: [string, string[]][] = [
      ['310115', ['education']],
      ['310104', ['elderly', 'education']],
      ['310101', []],
    ];
    // The creation's own delivery first, racing the changes and their deliveries; then a late one of it again.
    const deliveries: Promise<void>[] = [countListing(id, asPosted, { created: true })];
    for (const [district, domains] of changes) {
      await ListingModel.updateOne({ _id: id }, { $set: { district, domains } });
      deliveries.push(countListing(id), countListing(id, asPosted, { created: true }));
    }
    const outcomes = await Promise.allSettled(deliveries);
    for (const o of outcomes) if (o.status === 'rejected') await countListing(id);
    await countListing(id, asPosted, { created: true });

    const kept = await snapshot();
    const mark = kept.marks.find((m) => String(m._id) === id);
    expect(JSON.parse(mark!.m as string).slice(1)).toEqual(['need', '310101']);
    await rebuildListingCounts();
    expect(await snapshot()).toEqual(kept);
  });

  it('are rebuilt at start when they do not cover the listings', async () => {
    await server.ctx.events.settle();
    await ListingMarkModel.deleteMany({});
    expect(await ensureListingCounts()).toBe(true);
    expect(await ListingMarkModel.countDocuments()).toBe(6);
  });

  it('rebuild marks of the older format (five fields a listing) as one string each', async () => {
    await server.ctx.events.settle();
    const marks = ListingMarkModel.collection;
    const [first] = await marks.find().sort({ _id: 1 }).limit(1).toArray();
    await marks.deleteMany({});
    await marks.insertOne({
      _id: first!._id,
      createdAt: new Date(),
      side: 'need',
      district: '310104',
      domains: [],
    });
    await CounterStateModel.updateOne({ _id: 'listings' }, { $set: { version: 1 } });
    const before = await snapshot();
    expect(await ensureListingCounts()).toBe(true);
    const after = await snapshot();
    expect(after.marks).toHaveLength(6);
    for (const mark of after.marks) expect(Object.keys(mark).sort()).toEqual(['_id', 'm']);
    expect(after.counters).toEqual(before.counters);
    expect(await ensureListingCounts()).toBe(false);
  });

  it('cut a period into whole months, whole days and the parts of a day at its ends', () => {
    const cut = periodBuckets({
      from: new Date('2025-01-30T16:00:00Z'), // 2025-01-31 00:00 in Shanghai
      to: new Date('2025-03-03T04:00:00Z'), // 2025-03-03 12:00 in Shanghai
    });
    expect(cut.buckets).toEqual(['2025-01-31', '2025-02', '2025-03-01', '2025-03-02']);
    expect(cut.slivers).toEqual([
      { from: new Date('2025-03-02T16:00:00Z'), to: new Date('2025-03-03T04:00:00Z') },
    ]);
    const within = periodBuckets({
      from: new Date('2025-03-03T01:00:00Z'),
      to: new Date('2025-03-03T04:00:00Z'),
    });
    expect(within).toEqual({
      buckets: [],
      slivers: [{ from: new Date('2025-03-03T01:00:00Z'), to: new Date('2025-03-03T04:00:00Z') }],
    });
  });
});
