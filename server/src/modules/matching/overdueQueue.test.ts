import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestClient, type TestServer } from '../../../test/harness.js';
import { buildBase, buildOrganization, buildUser, signedIn } from '../../../test/factories.js';
import type { BaseRecord } from '../bases/model.js';
import { AuditEventModel } from '../audit/model.js';
import { ListingModel } from '../listings/model.js';
import { NotificationModel } from '../notifications/model.js';
import { ResidencyModel } from '../residencies/model.js';
import type { UserRecord } from '../users/model.js';
import { MatchModel } from './model.js';

let server: TestServer;
let xuhui: BaseRecord;
let pudong: BaseRecord;
let operator: TestClient;
let otherOperator: TestClient;
let bureau: TestClient;
let resident: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  xuhui = await buildBase({ name: '徐汇区社会组织培育基地', district: '310104', address: '天钥桥路100号' });
  pudong = await buildBase({ name: '浦东新区社会组织培育基地', district: '310115', address: '浦东大道1号' });
  operator = (await signedIn(server, { role: 'operator', baseId: xuhui._id })).client;
  otherOperator = (await signedIn(server, { role: 'operator', baseId: pudong._id })).client;
  bureau = (await signedIn(server, { role: 'bureau' })).client;
  resident = (await signedIn(server, { role: 'resident' })).client;
});
afterAll(async () => server?.stop());

const DAY = 86_400_000;

/** A proposal (made by the need side) with the need in `district`, its offer by `offerOwner`'s organization. */
async function proposal(district: string, offerOwner: UserRecord, { overdue = true } = {}) {
  const needOwner = await buildUser({ role: 'resident' });
  const need = await ListingModel.create({
    side: 'need',
    kind: 'service',
    subkind: 'community-service',
    title: '独居老人午餐送餐',
    description: '每天午餐',
    domains: ['elderly'],
    district,
    ownerId: needOwner._id,
  });
  const offer = await ListingModel.create({
    side: 'offer',
    kind: 'service',
    subkind: 'community-service',
    title: '长者助餐服务',
    description: '送餐上门',
    domains: ['elderly'],
    district: '310101',
    ownerId: offerOwner._id,
    organizationId: offerOwner.organizationId,
  });
  const m = await MatchModel.create({
    needId: need._id,
    offerId: offer._id,
    needOwnerId: needOwner._id,
    offerOwnerId: offerOwner._id,
    offerOrgId: offerOwner.organizationId,
    status: 'proposed',
    score: 60,
    proposedBy: needOwner._id,
    proposedSide: 'need',
    deadline: new Date(Date.now() + (overdue ? -DAY : DAY)),
  });
  return { id: String(m._id), offerOwner };
}

async function offerer() {
  const user = await buildUser({ role: 'organization' });
  const org = await buildOrganization(user, { district: '310101' });
  return { ...user, organizationId: org._id } as UserRecord;
}

describe('overdue matches reach the base', () => {
  it("queues exactly the base's overdue proposals: a resident side, or the need in its district", async () => {
    const local = await proposal('310104', await offerer());
    const residentOffer = await offerer();
    await ResidencyModel.create({
      baseId: xuhui._id,
      organizationId: residentOffer.organizationId!,
      admittedAt: new Date(),
    });
    const ofResident = await proposal('310101', residentOffer);
    const elsewhere = await proposal('310115', await offerer());
    const notYet = await proposal('310104', await offerer(), { overdue: false });
    const queue = await operator.get(`/api/bases/${xuhui._id}/overdue-matches`);
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((m: { id: string }) => m.id).sort()).toEqual(
      [local.id, ofResident.id].sort(),
    );
    expect(queue.body.total).toBe(2);
    const theirs = await bureau.get(`/api/bases/${pudong._id}/overdue-matches`);
    expect(theirs.body.items.map((m: { id: string }) => m.id)).toEqual([elsewhere.id]);
    expect((await otherOperator.get(`/api/bases/${xuhui._id}/overdue-matches`)).status).toBe(403);
    expect((await resident.get(`/api/bases/${xuhui._id}/overdue-matches`)).status).toBe(403);

    // The operator opens the queued matches, and no other.
    expect((await operator.get(`/api/matches/${local.id}`)).status).toBe(200);
    expect((await operator.get(`/api/matches/${ofResident.id}`)).status).toBe(200);
    expect((await operator.get(`/api/matches/${elsewhere.id}`)).status).toBe(404);
    expect((await operator.get(`/api/matches/${notYet.id}`)).status).toBe(404);
    expect((await otherOperator.get(`/api/matches/${local.id}`)).status).toBe(404);
  });

  it('reminds the side that has not answered, audited', async () => {
    const m = await proposal('310104', await offerer());
    const res = await operator.post(`/api/matches/${m.id}/remind`, { note: '请在本周内答复' });
    expect(res.status).toBe(200);
    await server.ctx.events.settle();
    const told = await NotificationModel.find({ userId: m.offerOwner._id, type: 'match.reminded' }).lean();
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toBe('请在本周内答复');
    const audit = await AuditEventModel.findOne({ type: 'match.reminded', subjectId: m.id }).lean();
    expect(audit?.actorId).toBeDefined();
    expect((await otherOperator.post(`/api/matches/${m.id}/remind`, {})).status).toBe(404);
    const early = await proposal('310104', await offerer(), { overdue: false });
    expect((await operator.post(`/api/matches/${early.id}/remind`, {})).status).toBe(404);
  });
});
