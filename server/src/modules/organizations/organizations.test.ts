import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar, errorBodySchema } from '@app/shared';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { buildBase, buildOrganization, signedIn } from '../../../test/factories.js';
import { OrganizationModel } from './model.js';
import { UserModel } from '../users/model.js';
import { AuditEventModel } from '../audit/model.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** A valid credit code of a 民政-registered social service organization in Xuhui, numbered by `n`. */
const creditCode = (n: number) => {
  const first17 = `52310104${String(n).padStart(9, '0')}`.replace(/[IOZSV]/g, '1');
  return first17 + creditCodeCheckChar(first17);
};

const orgBody = (n: number) => ({
  name: '徐汇区阳光长者服务中心',
  type: 'social-service',
  creditCode: creditCode(n),
  domains: ['elderly', 'community-governance'],
  district: '310104',
  street: '310104003',
  description: '为社区长者提供助餐、陪伴和健康讲座',
  phone: '021-64000000',
});

const details = (body: unknown) => errorBodySchema.parse(body).error.details ?? [];

describe('creating an organization', () => {
  it('makes the creator its first member, pending verification', async () => {
    const { user, client } = await signedIn(server, { role: 'organization' });
    const res = await client.post('/api/organizations', orgBody(1));
    expect(res.status).toBe(201);
    expect(res.body.organization).toMatchObject({
      name: '徐汇区阳光长者服务中心',
      verification: { status: 'pending' },
      registered: false,
    });
    expect(String((await UserModel.findById(user._id).lean())?.organizationId)).toBe(
      res.body.organization.id,
    );
    const me = await client.get('/api/auth/me');
    expect(me.body.user.organizationId).toBe(res.body.organization.id);
  });

  it('names the field of an invalid or a duplicate credit code', async () => {
    const { client } = await signedIn(server, { role: 'organization' });
    const corrupted = creditCode(2).slice(0, 17) + (creditCode(2).endsWith('0') ? '1' : '0');
    const invalid = await client.post('/api/organizations', { ...orgBody(2), creditCode: corrupted });
    expect(invalid.status).toBe(400);
    expect(details(invalid.body)[0]?.path).toBe('creditCode');
    await (
      await signedIn(server, { role: 'organization' })
    ).client
      .post('/api/organizations', orgBody(3))
      .then((r) => expect(r.status).toBe(201));
    const duplicate = await client.post('/api/organizations', orgBody(3));
    expect(duplicate.status).toBe(409);
    expect(details(duplicate.body)[0]?.path).toBe('creditCode');
  });

  it('refuses a street of another district, a resident, and a second organization', async () => {
    const { client } = await signedIn(server, { role: 'organization' });
    const wrongStreet = await client.post('/api/organizations', { ...orgBody(4), street: '310101002' });
    expect(wrongStreet.status).toBe(400);
    expect(details(wrongStreet.body)[0]?.path).toBe('street');
    const { client: resident } = await signedIn(server, { role: 'resident' });
    expect((await resident.post('/api/organizations', orgBody(5))).status).toBe(403);
    expect((await client.post('/api/organizations', orgBody(6))).status).toBe(201);
    expect((await client.post('/api/organizations', orgBody(7))).status).toBe(403);
  });

  it('rejects operator keys, dotted keys and unknown fields, writing nothing', async () => {
    const { client } = await signedIn(server, { role: 'funder' });
    const before = await OrganizationModel.countDocuments();
    for (const body of [
      { ...orgBody(8), type: 'enterprise', name: { $gt: '' } },
      { ...orgBody(8), type: 'enterprise', 'verification.status': 'verified' },
      { ...orgBody(8), type: 'enterprise', verification: { status: 'verified' } },
      { ...orgBody(8), type: 'enterprise', domains: 'elderly' },
    ]) {
      const res = await client.post('/api/organizations', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(await OrganizationModel.countDocuments()).toBe(before);
  });
});

describe('editing and reading', () => {
  it('lets members edit and nobody else, never leaking contact data', async () => {
    const { user: member, client } = await signedIn(server, { role: 'organization' });
    const org = await buildOrganization(member, { phone: '13800000000', contactEmail: 'org@example.org' });
    const edited = await client.patch(`/api/organizations/${org._id}`, { description: '新的介绍' });
    expect(edited.status).toBe(200);
    expect(edited.body.organization.description).toBe('新的介绍');

    const { client: stranger } = await signedIn(server, { role: 'organization' });
    const refused = await stranger.patch(`/api/organizations/${org._id}`, { description: '篡改' });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain('13800000000');
    const publicView = await stranger.get(`/api/organizations/${org._id}`);
    expect(publicView.status).toBe(200);
    expect(publicView.body.organization.phone).toBeUndefined();
    expect(publicView.body.organization.contactEmail).toBeUndefined();
    expect((await OrganizationModel.findById(org._id).lean())?.description).toBe('新的介绍');

    const anonymous = await server.client().get(`/api/organizations/${org._id}`);
    expect(anonymous.body.organization.phone).toBeUndefined();
    const memberView = await client.get(`/api/organizations/${org._id}`);
    expect(memberView.body.organization.phone).toBe('13800000000');
  });

  it('sends an organization back to verification when its members change its grade', async () => {
    const { user: member, client } = await signedIn(server, { role: 'organization' });
    const org = await buildOrganization(member, { grade: 2, verification: { status: 'verified' } });
    const same = await client.patch(`/api/organizations/${org._id}`, { grade: 2, description: '同一等级' });
    expect(same.body.organization.verification.status).toBe('verified');
    const raised = await client.patch(`/api/organizations/${org._id}`, { grade: 5 });
    expect(raised.status).toBe(200);
    expect(raised.body.organization).toMatchObject({ grade: 5, verification: { status: 'pending' } });
  });

  it('sends a verified organization back to review when its name or credit code changes, and audits the edit', async () => {
    const { user: member, client } = await signedIn(server, { role: 'organization' });
    const org = await buildOrganization(member, {
      name: '徐汇区康乐长者服务中心',
      creditCode: creditCode(31),
      verification: { status: 'verified' },
    });
    // Place, domains, description and contact are the organization's own to change: it stays verified.
    const everyday = await client.patch(`/api/organizations/${org._id}`, {
      name: '徐汇区康乐长者服务中心',
      description: '新增周末助餐点',
      domains: ['elderly', 'health'],
      street: '310104003',
      phone: '021-64000000',
    });
    expect(everyday.status).toBe(200);
    expect(everyday.body.organization).toMatchObject({
      verification: { status: 'verified' },
      registered: true,
    });

    // A new name is a new identity to check: back to review, no longer registered, the edit kept.
    const renamed = await client.patch(`/api/organizations/${org._id}`, {
      name: '徐汇区康乐社会工作服务中心',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.organization).toMatchObject({
      name: '徐汇区康乐社会工作服务中心',
      verification: { status: 'pending' },
      registered: false,
    });

    await server.ctx.events.settle();
    const edits = await AuditEventModel.find({ type: 'organization.updated', subjectId: String(org._id) })
      .sort({ at: 1 })
      .lean();
    expect(edits.map((e) => (e.detail as { reverify?: string[] }).reverify)).toEqual([undefined, ['name']]);
    expect(String(edits[1]!.actorId)).toBe(String(member._id));

    // Verified again by staff, then a new credit code: back to review once more.
    await OrganizationModel.updateOne({ _id: org._id }, { $set: { 'verification.status': 'verified' } });
    const recoded = await client.patch(`/api/organizations/${org._id}`, { creditCode: creditCode(32) });
    expect(recoded.body.organization).toMatchObject({
      creditCode: creditCode(32),
      verification: { status: 'pending' },
    });
  });

  it('answers an unknown or malformed id with 404 or 400', async () => {
    const { client } = await signedIn(server, { role: 'organization' });
    expect((await client.get('/api/organizations/0123456789abcdef01234567')).status).toBe(404);
    expect((await client.get('/api/organizations/not-an-id')).status).toBe(400);
    expect((await client.get('/api/organizations/0123456789abcdef01234567?x[$ne]=1')).status).toBe(400);
  });
});

describe('verification', () => {
  it('lets an operator verify with documents in view, and records it', async () => {
    const { user: member, client } = await signedIn(server, { role: 'organization' });
    const org = await buildOrganization(member, { creditCode: creditCode(20) });
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
    const upload = await client.agent
      .post(`/api/organizations/${org._id}/documents`)
      .set('X-CSRF-Token', await client.csrfToken())
      .field('kind', 'registration-certificate')
      .attach('file', pdf, { filename: '登记证书.pdf', contentType: 'application/pdf' });
    expect(upload.status).toBe(201);
    const doc = upload.body.organization.documents[0];
    expect(doc).toMatchObject({ contentType: 'application/pdf', filename: '登记证书.pdf' });

    const fake = await client.agent
      .post(`/api/organizations/${org._id}/documents`)
      .set('X-CSRF-Token', await client.csrfToken())
      .attach('file', Buffer.from('<script>alert(1)</script>'), {
        filename: 'scan.pdf',
        contentType: 'application/pdf',
      });
    expect(fake.status).toBe(400);

    // The organization is resident in no base yet: the base of its district (Xuhui) verifies it.
    const base = await buildBase({ district: '310104' });
    const { client: operator } = await signedIn(server, { role: 'operator', baseId: base._id });
    const download = await operator.get(`/api/organizations/${org._id}/documents/${doc.id}`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    const { client: stranger } = await signedIn(server, { role: 'funder' });
    expect((await stranger.get(`/api/organizations/${org._id}/documents/${doc.id}`)).status).toBe(403);

    expect(
      (await client.post(`/api/organizations/${org._id}/verification`, { decision: 'verified' })).status,
    ).toBe(403);
    expect(
      (await operator.post(`/api/organizations/${org._id}/verification`, { decision: 'rejected' })).status,
    ).toBe(400);
    const verified = await operator.post(`/api/organizations/${org._id}/verification`, {
      decision: 'verified',
    });
    expect(verified.status).toBe(200);
    expect(verified.body.organization).toMatchObject({
      verification: { status: 'verified' },
      registered: true,
    });
    await server.ctx.events.settle();
    expect(
      await AuditEventModel.countDocuments({
        type: 'organization.verificationDecided',
        subjectId: String(org._id),
      }),
    ).toBe(1);
  });
});

describe('members', () => {
  it('joins a colleague by a one-time invitation code', async () => {
    const { user: member, client } = await signedIn(server, { role: 'organization' });
    const org = await buildOrganization(member);
    const invitation = await client.post(`/api/organizations/${org._id}/invitations`);
    expect(invitation.status).toBe(201);
    // A funder cannot join a social organization, and trying does not use the code up.
    const { client: funder } = await signedIn(server, { role: 'funder' });
    expect((await funder.post('/api/organizations/join', { code: invitation.body.code })).status).toBe(403);
    const { user: colleague, client: colleagueClient } = await signedIn(server, { role: 'organization' });
    const joined = await colleagueClient.post('/api/organizations/join', { code: invitation.body.code });
    expect(joined.status).toBe(200);
    expect(String((await UserModel.findById(colleague._id).lean())?.organizationId)).toBe(String(org._id));
    const { client: third } = await signedIn(server, { role: 'organization' });
    expect((await third.post('/api/organizations/join', { code: invitation.body.code })).status).toBe(404);
    const members = await client.get(`/api/organizations/${org._id}/members`);
    expect(members.body.items).toHaveLength(2);
    expect(JSON.stringify(members.body)).not.toContain('@example.org');
  });
});
