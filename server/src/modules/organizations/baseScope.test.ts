import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { errorBodySchema } from '@app/shared';
import { startTestServer, type TestServer, type TestClient } from '../../../test/harness.js';
import { buildBase, buildOrganization, buildUser, signedIn, storeDocument } from '../../../test/factories.js';
import type { BaseRecord } from '../bases/model.js';
import { OrganizationModel, type OrganizationRecord } from './model.js';

let server: TestServer;
let xuhui: BaseRecord;
let pudong: BaseRecord;
let tianping: BaseRecord;
let operatorA: TestClient;
let operatorB: TestClient;
let streetOperator: TestClient;
let bureau: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  xuhui = await buildBase({ name: '徐汇区社会组织培育基地', district: '310104' });
  pudong = await buildBase({ name: '浦东新区社会组织培育基地', district: '310115' });
  tianping = await buildBase({
    name: '天平路街道社区社会组织服务中心',
    level: 'street',
    district: '310104',
    street: '310104003',
  });
  operatorA = (await signedIn(server, { role: 'operator', baseId: xuhui._id })).client;
  operatorB = (await signedIn(server, { role: 'operator', baseId: pudong._id })).client;
  streetOperator = (await signedIn(server, { role: 'operator', baseId: tianping._id })).client;
  bureau = (await signedIn(server, { role: 'bureau' })).client;
});
afterAll(async () => {
  await server?.stop();
});

let phone = 13_700_000_000;

/** A pending organization with contact details, a member and one stored document. */
async function organization(overrides: Partial<OrganizationRecord>) {
  const member = await buildUser({ role: 'organization' });
  const contactPhone = String(++phone);
  const org = await buildOrganization(member, { phone: contactPhone, ...overrides });
  const documentId = await storeDocument(server, org._id, member._id);
  return { id: String(org._id), phone: contactPhone, documentId: String(documentId) };
}

type Org = Awaited<ReturnType<typeof organization>>;

/** What a staff client may do with an organization: see its private parts, list its members, open a document. */
async function reach(client: TestClient, org: Org) {
  const view = await client.get(`/api/organizations/${org.id}`);
  expect(view.status).toBe(200);
  const members = await client.get(`/api/organizations/${org.id}/members`);
  const document = await client.get(`/api/organizations/${org.id}/documents/${org.documentId}`);
  return {
    contact: view.body.organization.phone === org.phone,
    documents: view.body.organization.documents !== undefined,
    members: members.status,
    document: document.status,
    leaked: JSON.stringify([view.body, members.body, document.body]).includes(org.phone),
  };
}

const full = { contact: true, documents: true, members: 200, document: 200, leaked: true };
const none = { contact: false, documents: false, members: 403, document: 403, leaked: false };

async function verify(client: TestClient, org: Org) {
  const res = await client.post(`/api/organizations/${org.id}/verification`, { decision: 'verified' });
  if (res.status >= 400) expect(errorBodySchema.parse(res.body).error.code).toBe('forbidden');
  return res.status;
}

const statusOf = async (org: Org) =>
  (await OrganizationModel.findById(org.id).lean<OrganizationRecord>())?.verification?.status;

describe("an operator acts on their own base's organizations", () => {
  it("verifies and sees the private parts of base A's organization, not of base B's", async () => {
    const ofA = await organization({ baseId: xuhui._id });
    const ofB = await organization({ baseId: pudong._id, district: '310115' });

    expect(await reach(operatorA, ofA)).toEqual(full);
    expect(await reach(operatorA, ofB)).toEqual(none);
    expect(await verify(operatorA, ofB)).toBe(403);
    expect(await statusOf(ofB)).toBe('pending');
    expect(await verify(operatorA, ofA)).toBe(200);
    expect(await statusOf(ofA)).toBe('verified');

    // A base is its own: a Xuhui organization resident in Pudong's base is Pudong's, not Xuhui's.
    const movedAway = await organization({ baseId: pudong._id, district: '310104' });
    expect(await reach(operatorA, movedAway)).toEqual(none);
    expect(await reach(operatorB, movedAway)).toEqual(full);
  });

  it('leaves the bureau city-wide access', async () => {
    const ofA = await organization({ baseId: xuhui._id });
    const ofB = await organization({ baseId: pudong._id, district: '310115' });
    const unplaced = await organization({ district: '310101' });
    for (const org of [ofA, ofB, unplaced]) {
      expect(await reach(bureau, org)).toEqual(full);
      expect(await verify(bureau, org)).toBe(200);
    }
  });

  it('gives an organization in no base to the bases of its area, and the bureau', async () => {
    // A district base looks after its district; a street base after its street.
    const inTianping = await organization({ district: '310104', street: '310104003' });
    const elsewhereInXuhui = await organization({ district: '310104', street: '310104004' });
    const inHuangpu = await organization({ district: '310101' });

    expect(await reach(operatorA, inTianping)).toEqual(full);
    expect(await reach(operatorA, elsewhereInXuhui)).toEqual(full);
    expect(await reach(streetOperator, inTianping)).toEqual(full);
    expect(await reach(streetOperator, elsewhereInXuhui)).toEqual(none);
    expect(await reach(operatorB, inTianping)).toEqual(none);
    // Huangpu has no base here: only the bureau may verify it.
    for (const operator of [operatorA, operatorB, streetOperator]) {
      expect(await reach(operator, inHuangpu)).toEqual(none);
      expect(await verify(operator, inHuangpu)).toBe(403);
    }
    expect(await verify(streetOperator, elsewhereInXuhui)).toBe(403);
    expect(await verify(operatorB, inTianping)).toBe(403);
    expect(await verify(streetOperator, inTianping)).toBe(200);
    expect(await verify(bureau, inHuangpu)).toBe(200);
  });

  it('answers 404 for an unknown organization, before any scope', async () => {
    const unknown = String(new Types.ObjectId());
    const res = await operatorA.post(`/api/organizations/${unknown}/verification`, { decision: 'verified' });
    expect(res.status).toBe(404);
  });
});

describe('the verification queue', () => {
  it("lists an operator's base's pending organizations and the unplaced ones of its area, not another base's", async () => {
    const ofA = await organization({ baseId: xuhui._id });
    const ofB = await organization({ baseId: pudong._id, district: '310115' });
    const unplacedInXuhui = await organization({ district: '310104' });
    const unplacedInPudong = await organization({ district: '310115' });
    const verifiedOfB = await organization({
      baseId: pudong._id,
      district: '310115',
      verification: { status: 'verified' },
    } as Partial<OrganizationRecord>);

    const ids = async (client: TestClient, query: string) => {
      const res = await client.get(`/api/organizations?pageSize=100${query}`);
      expect(res.status).toBe(200);
      return (res.body.items as { id: string }[]).map((o) => o.id);
    };

    const queueA = await ids(operatorA, '&verification=pending');
    expect(queueA).toEqual(expect.arrayContaining([ofA.id, unplacedInXuhui.id]));
    expect(queueA).not.toContain(ofB.id);
    expect(queueA).not.toContain(unplacedInPudong.id);

    const queueB = await ids(operatorB, '&verification=pending');
    expect(queueB).toEqual(expect.arrayContaining([ofB.id, unplacedInPudong.id]));
    expect(queueB).not.toContain(ofA.id);

    // Without a filter: the public (verified) organizations of every base, and the operator's own others.
    const everythingA = await ids(operatorA, '');
    expect(everythingA).toEqual(expect.arrayContaining([verifiedOfB.id, ofA.id]));
    expect(everythingA).not.toContain(ofB.id);

    const queueBureau = await ids(bureau, '&verification=pending');
    expect(queueBureau).toEqual(
      expect.arrayContaining([ofA.id, ofB.id, unplacedInXuhui.id, unplacedInPudong.id]),
    );
    // Anyone else sees verified organizations only, whatever they ask for.
    const { client: resident } = await signedIn(server, { role: 'resident' });
    const publicList = await ids(resident, '&verification=pending');
    expect(publicList).not.toContain(ofA.id);
  });
});
