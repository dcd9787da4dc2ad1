import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestClient, type TestServer } from '../../../test/harness.js';
import { buildBase, buildOrganization, buildUser, signedIn } from '../../../test/factories.js';
import type { BaseRecord } from '../bases/model.js';
import { OrganizationModel } from '../organizations/model.js';
import { registerBaseCounter } from '../bases/counts.js';
import { isIncubating } from './facts.js';
import { ResidencyModel } from './model.js';

let server: TestServer;
let xuhui: BaseRecord;
let pudong: BaseRecord;
let operator: TestClient;
let otherOperator: TestClient;
let bureau: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  xuhui = await buildBase({ name: '徐汇区社会组织培育基地', district: '310104', address: '天钥桥路100号' });
  pudong = await buildBase({ name: '浦东新区社会组织培育基地', district: '310115', address: '浦东大道1号' });
  operator = (await signedIn(server, { role: 'operator', baseId: xuhui._id })).client;
  otherOperator = (await signedIn(server, { role: 'operator', baseId: pudong._id })).client;
  bureau = (await signedIn(server, { role: 'bureau' })).client;
});
afterAll(async () => server?.stop());

async function resident(base = xuhui) {
  const member = await buildUser({ role: 'organization' });
  const org = await buildOrganization(member, {
    name: `在孵服务社${Math.random()}`,
    baseId: base._id,
    grade: 3,
  });
  const residency = await ResidencyModel.create({
    baseId: base._id,
    organizationId: org._id,
    admittedAt: new Date(),
  });
  return { org, id: String(residency._id) };
}

describe('residencies', () => {
  it("graduates (出壳) and exits (退出) by the base's operators only, once, keeping the history", async () => {
    const a = await resident();
    const b = await resident();
    const reason = { reason: '孵化期满，已独立运营' };
    expect((await otherOperator.post(`/api/residencies/${a.id}/graduate`, reason)).status).toBe(403);
    expect((await bureau.post(`/api/residencies/${a.id}/graduate`, reason)).status).toBe(403);
    const graduated = await operator.post(`/api/residencies/${a.id}/graduate`, reason);
    expect(graduated.status).toBe(200);
    expect(graduated.body.residency).toMatchObject({ status: 'graduated', endReason: reason.reason });
    expect(graduated.body.residency.organization).toMatchObject({ id: String(a.org._id), grade: 3 });
    expect((await operator.post(`/api/residencies/${a.id}/exit`, reason)).status).toBe(409);
    expect((await operator.post(`/api/residencies/${b.id}/exit`, { reason: '机构迁出本区' })).status).toBe(
      200,
    );
    // The organization no longer belongs to the base, and the facts say so.
    expect((await OrganizationModel.findById(a.org._id).lean())!.baseId).toBeUndefined();
    expect(await isIncubating(a.org._id, xuhui._id)).toBe(false);
    const byStatus = async (status: string) =>
      (await operator.get(`/api/bases/${xuhui._id}/residents?status=${status}`)).body.items.map(
        (r: { id: string }) => r.id,
      );
    expect(await byStatus('graduated')).toContain(a.id);
    expect(await byStatus('exited')).toContain(b.id);
    expect(await byStatus('incubating')).not.toContain(a.id);
  });

  it('counts residents on the base page, and spaces and events once their modules register a counter', async () => {
    const base = await buildBase({
      name: '长宁区社会组织培育基地',
      district: '310105',
      address: '长宁路1号',
    });
    await resident(base);
    await resident(base);
    const ended = await resident(base);
    await ResidencyModel.updateOne({ _id: ended.id }, { $set: { status: 'exited', endedAt: new Date() } });
    const page = await bureau.get(`/api/bases/${base._id}`);
    expect(page.body.base).toMatchObject({ residentCount: 2, spaceCount: 0, upcomingEventCount: 0 });
    registerBaseCounter('spaceCount', async (ids) => new Map(ids.map((id) => [id, 4])));
    try {
      expect((await bureau.get(`/api/bases/${base._id}`)).body.base.spaceCount).toBe(4);
    } finally {
      registerBaseCounter('spaceCount', async () => new Map());
    }
  });
});

describe('bases', () => {
  it('are created by the bureau with the contract fields and listed by district and level', async () => {
    const res = await bureau.post('/api/bases', {
      name: '静安区社会组织培育基地',
      level: 'district',
      district: '310106',
      address: '静安区万航渡路100号',
      description: '静安区的综合性培育基地',
      domains: ['elderly', 'mental-health'],
      operatorOrganization: '静安区社会组织服务中心',
    });
    expect(res.status).toBe(201);
    expect(res.body.base).toMatchObject({
      level: 'district',
      domains: ['elderly', 'mental-health'],
      residentCount: 0,
    });
    expect(
      (await bureau.post('/api/bases', { name: '无地址', level: 'city', district: '310106' })).status,
    ).toBe(400);
    const listed = await operator.get('/api/bases?district=310106&level=district');
    expect(listed.body.items.map((b: { id: string }) => b.id)).toEqual([res.body.base.id]);
  });

  it('are edited by their operators (profile only) and the bureau', async () => {
    expect((await operator.patch(`/api/bases/${xuhui._id}`, { description: '新的简介' })).status).toBe(200);
    expect((await operator.patch(`/api/bases/${xuhui._id}`, { district: '310101' })).status).toBe(403);
    expect((await otherOperator.patch(`/api/bases/${xuhui._id}`, { description: '别人的' })).status).toBe(
      403,
    );
    const moved = await bureau.patch(`/api/bases/${xuhui._id}`, { street: '310104003' });
    expect(moved.status).toBe(200);
    expect(moved.body.base).toMatchObject({ street: '310104003', description: '新的简介' });
    expect((await bureau.patch(`/api/bases/${xuhui._id}`, { street: '310115001' })).status).toBe(400);
  });
});
