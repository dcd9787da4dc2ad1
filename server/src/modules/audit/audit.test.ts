import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '@app/shared';
import { startTestServer, type TestClient, type TestServer } from '../../../test/harness.js';
import { buildBase, buildOrganization, buildUser, signedIn } from '../../../test/factories.js';
import { AuditEventModel } from './model.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const listing = (side: 'need' | 'offer', title: string) => ({
  side,
  kind: 'service',
  subkind: 'community-service',
  title,
  description: '为天平路街道的独居老人每周上门送餐三次。',
  domains: ['elderly'],
  district: '310104',
});

async function auditOf(bureau: TestClient, type: AuditEvent['type']): Promise<AuditEvent[]> {
  await server.ctx.events.settle();
  const res = await bureau.get(`/api/audit?type=${type}&pageSize=100`);
  expect(res.status).toBe(200);
  return res.body.items as AuditEvent[];
}

describe('the audit log names who acted and what it concerned', () => {
  it('names the operator who verified and the organization verified', async () => {
    const base = await buildBase({ name: '徐汇区社会组织培育基地（审计）', district: '310104' });
    const { client: operator } = await signedIn(server, {
      role: 'operator',
      baseId: base._id,
      name: '王审计',
    });
    const member = await buildUser({ role: 'organization' });
    const org = await buildOrganization(member, { name: '天平路长者关爱中心' });
    const decided = await operator.post(`/api/organizations/${org._id}/verification`, {
      decision: 'verified',
    });
    expect(decided.status).toBe(200);

    const { client: bureau } = await signedIn(server, { role: 'bureau' });
    const entry = (await auditOf(bureau, 'organization.verificationDecided')).find(
      (e) => e.subjectId === String(org._id),
    );
    expect(entry).toMatchObject({
      actor: { name: '王审计', role: 'operator' },
      subjectType: 'organization',
      subjectName: '天平路长者关爱中心',
      detail: { decision: 'verified' },
    });
  });

  it('names a match by its two listings when a contact is revealed, and keeps the id of what is gone', async () => {
    const { user: resident, client: residentClient } = await signedIn(server, {
      role: 'resident',
      name: '李阿姨',
    });
    const { client: provider } = await signedIn(server, {
      role: 'operator',
      baseId: (await buildBase())._id,
    });
    const need = await residentClient.post('/api/listings', listing('need', '独居老人上门送餐（审计）'));
    const offer = await provider.post('/api/listings', listing('offer', '长者送餐志愿服务（审计）'));
    expect([need.status, offer.status]).toEqual([201, 201]);
    const proposed = await residentClient.post('/api/matches', {
      needId: need.body.listing.id,
      offerId: offer.body.listing.id,
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const matchId = proposed.body.match.id as string;
    expect((await provider.post(`/api/matches/${matchId}/accept`)).status).toBe(200);
    expect((await residentClient.get(`/api/matches/${matchId}/contact`)).status).toBe(200);

    const { client: bureau } = await signedIn(server, { role: 'bureau' });
    const reveal = (await auditOf(bureau, 'contact.revealed')).find((e) => e.subjectId === matchId);
    expect(reveal).toMatchObject({
      actor: { id: String(resident._id), name: '李阿姨', role: 'resident' },
      subjectType: 'match',
      subjectName: '独居老人上门送餐（审计） ↔ 长者送餐志愿服务（审计）',
    });

    // A subject that no longer resolves keeps its id, and the entry is still listed.
    const orphan = await AuditEventModel.create({
      type: 'base.updated',
      subjectType: 'base',
      subjectId: '0123456789abcdef01234567',
    });
    const listed = (await auditOf(bureau, 'base.updated')).find((e) => e.id === String(orphan._id));
    expect(listed).toMatchObject({ subjectId: '0123456789abcdef01234567' });
    expect(listed?.subjectName).toBeUndefined();
    expect(listed?.actor).toBeUndefined();
  });

  it('is for the bureau only', async () => {
    const { client: operator } = await signedIn(server, {
      role: 'operator',
      baseId: (await buildBase())._id,
    });
    expect((await operator.get('/api/audit')).status).toBe(403);
  });
});
