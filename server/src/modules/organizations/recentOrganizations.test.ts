import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { buildBase, buildOrganization, postListing, sampleOffer, signedIn } from '../../../test/factories.js';
import { OrganizationModel } from './model.js';
import { organizationFacts } from './read.js';
import { recentOrganizations } from './recentOrganizations.js';

// Every listing shown names its organization, and every ranking reads the facts of a few hundred: requests keep
// what they read for a moment (recentOrganizations.ts). A write must be seen by the very next request.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe("an organization's facts kept for a moment", () => {
  it('are kept by the first read and come from memory at the next', async () => {
    const { user } = await signedIn(server, { role: 'organization' });
    const org = await buildOrganization(user, { name: '记住的机构' });
    const id = String(org._id);
    recentOrganizations.forgetAll();
    expect((await organizationFacts([id])).get(id)?.name).toBe('记住的机构');
    expect(recentOrganizations.peek(id)?.name).toBe('记住的机构');
    // Behind the model's back (as nothing in the server writes): what was kept is answered.
    await mongoose.connection
      .collection('organizations')
      .updateOne({ _id: org._id }, { $set: { name: '旁路' } });
    expect((await organizationFacts([id])).get(id)?.name).toBe('记住的机构');
    recentOrganizations.forgetAll();
    expect((await organizationFacts([id, 'not-an-id', null])).get(id)?.name).toBe('旁路');
  });

  it("show a rename and a verification at the listing's next read", async () => {
    const { user, client } = await signedIn(server, { role: 'organization' });
    const org = await buildOrganization(user, { name: '改名前的机构' });
    const id = await postListing(client, sampleOffer);
    const before = await client.get(`/api/listings/${id}`);
    expect(before.body.listing).toMatchObject({ organizationName: '改名前的机构', verified: false });

    expect((await client.patch(`/api/organizations/${org._id}`, { name: '改名后的机构' })).status).toBe(200);
    expect((await client.get(`/api/listings/${id}`)).body.listing.organizationName).toBe('改名后的机构');

    const base = await buildBase({ district: '310104' });
    const { client: operator } = await signedIn(server, { role: 'operator', baseId: base._id });
    const decided = await operator.post(`/api/organizations/${org._id}/verification`, {
      decision: 'verified',
    });
    expect(decided.status).toBe(200);
    expect((await client.get(`/api/listings/${id}`)).body.listing.verified).toBe(true);
  });

  it('are forgotten by every write through the model, and once more when its transaction ends', async () => {
    const { user } = await signedIn(server, { role: 'organization' });
    const org = await buildOrganization(user, { name: '写前' });
    const id = String(org._id);
    await organizationFacts([id]);
    await OrganizationModel.updateOne({ _id: org._id }, { $set: { name: '写后' } });
    expect((await organizationFacts([id])).get(id)?.name).toBe('写后');
    // A write that does not name its organizations forgets them all.
    await OrganizationModel.updateMany({ name: '写后' }, { $set: { street: '310104003' } });
    expect((await organizationFacts([id])).get(id)?.street).toBe('310104003');

    await mongoose.connection.transaction(async (session) => {
      await OrganizationModel.updateOne({ _id: org._id }, { $set: { name: '事务中' } }, { session });
      // Read outside the transaction before it commits: the name as it was, kept.
      expect((await organizationFacts([id])).get(id)?.name).toBe('写后');
    });
    expect((await organizationFacts([id])).get(id)?.name).toBe('事务中');
  });
});
