import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '@app/shared';
import { startTestServer, type TestClient, type TestServer } from '../../../test/harness.js';
import { buildBase, buildOrganization, buildUser, signedIn } from '../../../test/factories.js';
import type { BaseRecord } from '../bases/model.js';
import type { OrganizationRecord } from '../organizations/model.js';
import { ListingModel, type ListingRecord } from './model.js';

let server: TestServer;
let xuhui: BaseRecord;
let pudong: BaseRecord;
let operatorA: TestClient;
let operatorB: TestClient;
let streetOperator: TestClient;
let bureau: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  xuhui = await buildBase({ name: '徐汇区社会组织培育基地', district: '310104' });
  pudong = await buildBase({ name: '浦东新区社会组织培育基地', district: '310115' });
  const tianping = await buildBase({
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

/** A listing no longer open, of an organization made with `org`, or a resident's without `org`. */
async function listing(
  place: { district: string; street?: string },
  org?: Partial<OrganizationRecord>,
  status: ListingRecord['status'] = 'closed',
): Promise<string> {
  const owner = await buildUser({ role: org ? 'organization' : 'resident' });
  const organization = org ? await buildOrganization(owner, org) : undefined;
  const created = await ListingModel.create({
    side: org ? 'offer' : 'need',
    kind: 'service',
    subkind: 'community-service',
    title: '独居老人午餐送餐上门',
    description: '每天中午为独居老人送一份热饭。',
    domains: ['elderly'],
    ...place,
    status,
    ownerId: owner._id,
    ...(organization ? { organizationId: organization._id } : {}),
  });
  return String(created._id);
}

/** The status the client gets for the listing, checking that a refusal is the not-found error body. */
async function read(client: TestClient, id: string): Promise<number> {
  const res = await client.get(`/api/listings/${id}`);
  if (res.status === 200) expect(res.body.listing.id).toBe(id);
  else expect(errorBodySchema.parse(res.body).error.code).toBe('not_found');
  return res.status;
}

describe("an operator reads the closed listings of their own base's organizations only", () => {
  it("reads base A's organization's closed listing, not base B's; the bureau reads both", async () => {
    const ofA = await listing({ district: '310104' }, { district: '310104', baseId: xuhui._id });
    const ofB = await listing({ district: '310104' }, { district: '310115', baseId: pudong._id });

    expect(await read(operatorA, ofA)).toBe(200);
    expect(await read(operatorA, ofB)).toBe(404);
    expect(await read(operatorB, ofB)).toBe(200);
    expect(await read(operatorB, ofA)).toBe(404);
    expect(await read(bureau, ofA)).toBe(200);
    expect(await read(bureau, ofB)).toBe(200);

    // The recommendations for a listing go by the same rule.
    expect((await operatorA.get(`/api/listings/${ofB}/matches`)).status).toBe(404);
    expect((await operatorA.get(`/api/listings/${ofA}/matches`)).status).toBe(200);
  });

  it('goes by the organization, not by where its listing says it is', async () => {
    // Posted for a Xuhui street by an organization resident in the Pudong base: Pudong's to follow.
    const id = await listing(
      { district: '310104', street: '310104003' },
      { district: '310115', baseId: pudong._id },
      'expired',
    );
    expect(await read(operatorB, id)).toBe(200);
    expect(await read(operatorA, id)).toBe(404);
    expect(await read(streetOperator, id)).toBe(404);
  });

  it('places an organization in no base by its area, as organizations are', async () => {
    const unplaced = await listing({ district: '310104' }, { district: '310115' });
    expect(await read(operatorB, unplaced)).toBe(200);
    expect(await read(operatorA, unplaced)).toBe(404);
  });

  it("places a resident's listing by its own district and street", async () => {
    const onTianping = await listing({ district: '310104', street: '310104003' });
    const elsewhereInXuhui = await listing({ district: '310104', street: '310104011' });
    const inPudong = await listing({ district: '310115' });

    expect(await read(operatorA, onTianping)).toBe(200);
    expect(await read(operatorA, elsewhereInXuhui)).toBe(200);
    expect(await read(operatorA, inPudong)).toBe(404);
    expect(await read(streetOperator, onTianping)).toBe(200);
    expect(await read(streetOperator, elsewhereInXuhui)).toBe(404);
    expect(await read(operatorB, inPudong)).toBe(200);
    expect(await read(bureau, inPudong)).toBe(200);
  });

  it('leaves open listings public to every operator', async () => {
    const open = await listing({ district: '310104' }, { district: '310104', baseId: xuhui._id }, 'open');
    expect(await read(operatorB, open)).toBe(200);
    expect(await read(server.client(), open)).toBe(200);
  });
});
