import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statsSchema } from '@app/shared';
import { startTestServer, type TestClient, type TestServer } from '../../../test/harness.js';
import { postListing, signedIn, signedInMember } from '../../../test/factories.js';
import { fundingNeedBody, grantBody } from '../../../test/matchingFactories.js';
import { MatchModel } from '../matching/model.js';
import { ListingModel } from '../listings/model.js';
import { countMatch, ensureMatchCounts, rebuildMatchCounts, recountMatchesOf } from './matchCounting.js';
import { MatchCountModel, MatchMarkModel } from './model.js';
import { dayKey } from './period.js';

/*
 * The match counters, kept by the subscriber of the match events, against the same counters rebuilt from the
 * matches, against an event delivered twice, and against figures counted by hand: matches proposed, accepted,
 * declined and completed through the API, and a need moved to another district afterwards.
 */

let server: TestServer;
let bureau: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  bureau = (await signedIn(server, { role: 'bureau' })).client;
});
afterAll(async () => server?.stop());

const need = (max: number, title: string) => fundingNeedBody(max, { title });
// The grants serve education too: a statistic of education counts the needs' domain, not the offers'.
const grant = (max: number, title: string) => grantBody(max, { title, domains: ['elderly', 'education'] });

/** Numbers that came back to 0, and maps left empty, taken out (a rebuild never writes them). */
function pruned(value: unknown): unknown {
  if (!value || typeof value !== 'object' || value instanceof Date || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const p = pruned(v);
    if (p === 0 || (p && typeof p === 'object' && !Object.keys(p).length && !(p instanceof Date))) continue;
    out[k] = p;
  }
  return out;
}

async function snapshot() {
  const counters = await MatchCountModel.find().select({ _id: 0 }).sort({ bucket: 1, district: 1 }).lean();
  const marks = await MatchMarkModel.find().sort({ _id: 1 }).lean();
  return {
    // A counter all of whose counts came back to 0 is left behind by the subscriber, never by a rebuild.
    counters: counters
      .map((c) => pruned(JSON.parse(JSON.stringify(c))) as Record<string, unknown>)
      .filter((c) => c.c || c.d),
    marks: JSON.parse(JSON.stringify(marks)) as unknown[],
  };
}

async function stats(query = '') {
  const res = await bureau.get(`/api/stats?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return statsSchema.parse(res.body);
}

async function act(client: TestClient, path: string, body: object = {}) {
  const res = await client.post(path, body);
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body as { match: { id: string } };
}

describe('the counters of matches', () => {
  let ids: string[] = [];

  it('follow the match events, equal a rebuild, and give the figures counted by hand', async () => {
    const resident = await signedInMember(server, 'resident');
    const needA = await postListing(resident.client, need(60_000, '助餐点改造经费'));
    const needB = await postListing(resident.client, need(20_000, '送餐车辆经费'));
    const funders = [];
    for (const name of ['计数甲基金会', '计数乙基金会', '计数丙基金会'])
      funders.push(await signedInMember(server, 'funder', { name, type: 'foundation' }));
    const offers = [];
    for (const [i, f] of funders.entries())
      offers.push(await postListing(f.client, grant(50_000 - i * 10_000, `长者助餐项目资助${i}`)));
    const propose = async (needId: string, offerId: string) =>
      (await act(resident.client, '/api/matches', { needId, offerId })).match.id;
    ids = [
      await propose(needA, offers[0]!),
      await propose(needA, offers[1]!),
      await propose(needB, offers[2]!),
    ];
    await act(funders[0]!.client, `/api/matches/${ids[0]}/accept`);
    await act(funders[1]!.client, `/api/matches/${ids[1]}/accept`);
    await act(funders[1]!.client, `/api/matches/${ids[1]}/complete`, { evidence: { summary: '经费已拨付' } });
    await act(funders[2]!.client, `/api/matches/${ids[2]}/decline`, { reason: '本年度预算已用完' });
    // Need B moves to Pudong: its match moves with it.
    const moved = await resident.client.patch(`/api/listings/${needB}`, { district: '310115' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await server.ctx.events.settle();

    const kept = await snapshot();
    expect(kept.marks).toHaveLength(3);
    const today = dayKey(new Date());
    const row = (bucket: string, district: string) =>
      kept.counters.find(
        (c) =>
          (c as { bucket: string; district: string }).bucket === bucket &&
          (c as { district: string }).district === district,
      ) as Record<string, Record<string, unknown>>;
    expect(row(today, '310104').c).toMatchObject({ proposed: 2, accepted: 2, completed: 1, funds: 10_000 });
    expect(row(today, '310115').c).toMatchObject({ proposed: 1, declined: 1 });
    expect(row(today.slice(0, 7), '310115').d).toMatchObject({ elderly: { proposed: 1, declined: 1 } });
    expect(row(today, '310104').m).toEqual({ elderly: { [needA]: 1 } });
    expect(row(today, '310104').c!.met).toEqual({ [needA]: 1 });

    await rebuildMatchCounts();
    expect(await snapshot()).toEqual(kept);
    expect(await ensureMatchCounts()).toBe(false);

    const s = await stats();
    expect(s.matches).toEqual({
      proposed: 3,
      accepted: 2,
      completed: 1,
      declined: 1,
      expired: 0,
      overdue: 0,
    });
    expect(s.needs.met).toBe(1);
    expect(s.offers.used).toBe(2);
    expect(s.fundsLeveraged).toBe(10_000);
    expect(s.acceptRate).toBe(0.6667);
    expect(s.medianHoursToAccept).toBe(0);
    expect(s.byDistrict['310104']).toMatchObject({ matches: 2, met: 1, fundsLeveraged: 10_000 });
    expect(s.byDistrict['310115']).toMatchObject({ matches: 1, met: 0 });
    expect(s.byMonth.at(-1)).toMatchObject({ matches: 3, met: 1 });
    expect(s.byDomain.find((d) => d.domain === 'elderly')!.met).toBe(1);
    const pudong = await stats('district=310115');
    expect(pudong.matches).toMatchObject({ proposed: 1, declined: 1, accepted: 0 });
    // A period of instants (an hour either side of now) is read from the marks, not the counters: same figures.
    const hour = 3_600_000;
    const around = `from=${new Date(Date.now() - hour).toISOString()}&to=${new Date(Date.now() + hour).toISOString()}`;
    const instants = await stats(around);
    expect(instants.matches).toEqual(s.matches);
    expect(instants.needs.met).toBe(1);
    expect(instants.offers.used).toBe(2);
    expect(instants.fundsLeveraged).toBe(10_000);
    expect((await stats(`${around}&domain=education`)).matches.proposed).toBe(0);
  });

  it('move nothing when an event is delivered twice', async () => {
    const kept = await snapshot();
    for (const id of ids) await countMatch(id);
    server.ctx.events.emit('match.completed', { matchId: ids[1]!, needOwnerId: '', offerOwnerId: '' });
    server.ctx.events.emit('match.accepted', { matchId: ids[0]!, needOwnerId: '', offerOwnerId: '' });
    await server.ctx.events.settle();
    expect(await snapshot()).toEqual(kept);
  });

  it('count a proposal overdue once its deadline has passed, up to now', async () => {
    // The declined proposal had been answered after a deadline of an hour ago: late, so overdue. A deadline of
    // today is read from the marks, not from today's counter, which also holds the deadlines still to come.
    const hour = 3_600_000;
    const deadline = new Date(Date.now() - hour);
    const declinedAt = (await MatchModel.findById(ids[2]).lean())!.history.at(-1)!.at;
    await MatchModel.updateOne({ _id: ids[2] }, { $set: { deadline } });
    expect(+declinedAt).toBeGreaterThan(+deadline);
    await countMatch(ids[2]!);
    expect((await stats()).matches.overdue).toBe(1);
    expect((await stats('district=310104')).matches.overdue).toBe(0);
    const before = new Date(+deadline - 1).toISOString();
    expect((await stats(`to=${before}`)).matches.overdue).toBe(0);
    // Answered in time, a proposal is not overdue.
    await MatchModel.updateOne({ _id: ids[2] }, { $set: { deadline: new Date(+declinedAt + hour) } });
    await countMatch(ids[2]!);
    expect((await stats()).matches.overdue).toBe(0);
  });

  it('stay exact when deliveries of one match overlap its changes', async () => {
    const hour = 3_600_000;
    const deliveries: Promise<void>[] = [];
    for (const hours of [-50, 3, -2, 30, 1]) {
      await MatchModel.updateOne({ _id: ids[2] }, { $set: { deadline: new Date(Date.now() + hours * hour) } });
      // Each change's own delivery starts after it; redeliveries overlap them.
      deliveries.push(countMatch(ids[2]!), countMatch(ids[2]!), countMatch(ids[2]!));
    }
    const outcomes = await Promise.allSettled(deliveries);
    // A delivery that found the match changed under every count fails; the outbox delivers it again.
    for (const o of outcomes) if (o.status === 'rejected') await countMatch(ids[2]!);
    const kept = await snapshot();
    await rebuildMatchCounts();
    expect(await snapshot()).toEqual(kept);
  });

  /** A proposal stored behind the service's back, like the first match's: no mark yet and nothing counted. */
  async function storedProposal() {
    await server.ctx.events.settle();
    const template = (await MatchModel.findById(ids[0]).lean())!;
    const { _id, ...fields } = template;
    const created = await MatchModel.create({
      ...fields,
      status: 'proposed',
      history: [{ status: 'proposed', by: template.needOwnerId, at: new Date() }],
    });
    return { template, created, id: String(created._id) };
  }

  it("stay exact when a proposal's delivery, handed the match, overlaps its need's changes", async () => {
    // A proposal stored behind the service's back: no mark yet and nothing counted, as right after its writer
    // committed it; its need then moves between districts while the proposal's delivery and the moves' run.
    const { template, created, id } = await storedProposal();
    const committed = created.toObject();
    const deliveries: Promise<void>[] = [countMatch(id, committed)];
    for (const district of ['310115', '310101', '310104']) {
      await ListingModel.updateOne({ _id: template.needId }, { $set: { district } });
      deliveries.push(recountMatchesOf(String(template.needId)), countMatch(id, committed));
    }
    const outcomes = await Promise.allSettled(deliveries);
    for (const o of outcomes) if (o.status === 'rejected') await countMatch(id);
    await countMatch(id, committed);

    const kept = await snapshot();
    await rebuildMatchCounts();
    expect(await snapshot()).toEqual(kept);
    await MatchModel.deleteOne({ _id: id });
    await rebuildMatchCounts();
  });

  it("stay exact when a proposal's delivery is handed its need as it was before a move", async () => {
    const { template, created, id } = await storedProposal();
    // The writer read the need before the transaction; the need then moved, and the move's recount found no mark.
    const need = (await ListingModel.findById(template.needId).lean())!;
    const offer = (await ListingModel.findById(template.offerId).lean())!;
    const moved = need.district === '310115' ? '310101' : '310115';
    await ListingModel.updateOne({ _id: need._id }, { $set: { district: moved } });
    await recountMatchesOf(String(need._id));
    await countMatch(id, created.toObject(), 3, [need, offer]);
    expect((await MatchMarkModel.findById(id).lean())?.district).toBe(moved);

    const kept = await snapshot();
    await rebuildMatchCounts();
    expect(await snapshot()).toEqual(kept);
    await ListingModel.updateOne({ _id: need._id }, { $set: { district: need.district } });
    await MatchModel.deleteOne({ _id: id });
    await rebuildMatchCounts();
  });

  it('are rebuilt at start when they do not cover the matches', async () => {
    await MatchMarkModel.deleteMany({});
    expect(await ensureMatchCounts()).toBe(true);
    expect(await MatchMarkModel.countDocuments()).toBe(3);
  });
});
