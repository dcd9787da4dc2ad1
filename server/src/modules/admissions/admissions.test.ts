import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestClient, type TestServer } from '../../../test/harness.js';
import { buildBase, buildOrganization, signedIn } from '../../../test/factories.js';
import type { BaseRecord } from '../bases/model.js';
import { OrganizationModel } from '../organizations/model.js';
import { ResidencyModel } from '../residencies/model.js';
import { ApplicationModel } from './model.js';

let server: TestServer;
let xuhui: BaseRecord;
let pudong: BaseRecord;
let operator: { client: TestClient; id: string };
let otherOperator: { client: TestClient; id: string };
let bureau: { client: TestClient; id: string };
let reviewer3: { client: TestClient; id: string };

const staff = async (role: 'operator' | 'bureau', base?: BaseRecord) => {
  const { user, client } = await signedIn(server, { role, ...(base ? { baseId: base._id } : {}) });
  return { client, id: String(user._id) };
};

beforeAll(async () => {
  server = await startTestServer();
  xuhui = await buildBase({ name: '徐汇区社会组织培育基地', district: '310104', address: '天钥桥路100号' });
  pudong = await buildBase({ name: '浦东新区社会组织培育基地', district: '310115', address: '浦东大道1号' });
  operator = await staff('operator', xuhui);
  otherOperator = await staff('operator', pudong);
  bureau = await staff('bureau');
  reviewer3 = await staff('operator', xuhui);
});
afterAll(async () => server?.stop());

/** A signed-in member of a fresh organization, with a colleague. */
async function applicant() {
  const { user, client } = await signedIn(server, { role: 'organization' });
  const org = await buildOrganization(user, { name: `乐龄服务社${Math.random()}` });
  return { client, org, orgId: String(org._id) };
}

const plan = '入驻后开展社区长者助餐与陪伴服务，每年服务不少于2000人次。';
const rubric = [
  { key: 'need', label: '社会需求', weight: 3, max: 10 },
  { key: 'team', label: '团队能力', weight: 2, max: 5 },
  { key: 'plan', label: '计划可行性', weight: 1, max: 20 },
];

async function applied(base = xuhui) {
  const a = await applicant();
  const res = await a.client.post(`/api/bases/${base._id}/applications`, { organizationId: a.orgId, plan });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { ...a, id: res.body.application.id as string };
}

async function inReview(quorum = 2, reviewers = [operator.id, bureau.id, reviewer3.id]) {
  const a = await applied();
  const res = await operator.client.post(`/api/applications/${a.id}/panel`, {
    reviewerIds: reviewers,
    rubric,
    quorum,
    passScore: 60,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.application.status).toBe('in_review');
  return a;
}

describe('entry applications', () => {
  it('takes one open application per organization and base, and none while incubating', async () => {
    const a = await applied();
    const again = await a.client.post(`/api/bases/${xuhui._id}/applications`, {
      organizationId: a.orgId,
      plan,
    });
    expect(again.status).toBe(409);
    // Another base is another application.
    expect(
      (await a.client.post(`/api/bases/${pudong._id}/applications`, { organizationId: a.orgId, plan }))
        .status,
    ).toBe(201);
    // Withdrawn, it may apply again; incubating, it may not.
    expect((await a.client.post(`/api/applications/${a.id}/withdraw`)).status).toBe(200);
    expect(
      (await a.client.post(`/api/bases/${xuhui._id}/applications`, { organizationId: a.orgId, plan })).status,
    ).toBe(201);
    const resident = await applicant();
    await ResidencyModel.create({
      baseId: xuhui._id,
      organizationId: resident.org._id,
      admittedAt: new Date(),
    });
    const res = await resident.client.post(`/api/bases/${xuhui._id}/applications`, {
      organizationId: resident.orgId,
      plan,
    });
    expect(res.status).toBe(409);
  });

  it('is made by a member of the organization only', async () => {
    const a = await applicant();
    const stranger = await applicant();
    const res = await stranger.client.post(`/api/bases/${xuhui._id}/applications`, {
      organizationId: a.orgId,
      plan,
    });
    expect(res.status).toBe(403);
    expect(await ApplicationModel.countDocuments({ organizationId: a.org._id })).toBe(0);
  });

  it("lets only the base's operators form the panel and decide, and its staff list it", async () => {
    const a = await applied();
    const body = { reviewerIds: [operator.id, bureau.id], rubric, quorum: 1, passScore: 60 };
    expect((await otherOperator.client.post(`/api/applications/${a.id}/panel`, body)).status).toBe(404);
    expect((await bureau.client.post(`/api/applications/${a.id}/panel`, body)).status).toBe(403);
    expect((await a.client.post(`/api/applications/${a.id}/panel`, body)).status).toBe(403);
    expect((await otherOperator.client.get(`/api/bases/${xuhui._id}/applications`)).status).toBe(403);
    const listed = await bureau.client.get(`/api/bases/${xuhui._id}/applications?status=submitted`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(a.id);
    // A panel of a resident account is refused, naming the field.
    const bad = await operator.client.post(`/api/applications/${a.id}/panel`, {
      ...body,
      reviewerIds: [a.orgId],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('reviewerIds');
    expect(
      (await operator.client.post(`/api/applications/${a.id}/panel`, { ...body, quorum: 3 })).status,
    ).toBe(400);
    expect((await operator.client.post(`/api/applications/${a.id}/panel`, body)).status).toBe(200);
    // Only a submitted application takes a panel.
    expect((await operator.client.post(`/api/applications/${a.id}/panel`, body)).status).toBe(409);
    await bureau.client.post(`/api/applications/${a.id}/reviews`, { scores: { need: 8, team: 4, plan: 15 } });
    const decision = { outcome: 'admitted', reason: '计划扎实' };
    expect((await otherOperator.client.post(`/api/applications/${a.id}/decision`, decision)).status).toBe(
      404,
    );
    expect((await bureau.client.post(`/api/applications/${a.id}/decision`, decision)).status).toBe(403);
    expect((await a.client.post(`/api/applications/${a.id}/decision`, decision)).status).toBe(403);
  });
});

describe('the collective review', () => {
  it('scores each criterion within 0..max, naming a bad or missing key, once per reviewer', async () => {
    const a = await inReview();
    const outside = await bureau.client.post(`/api/applications/${a.id}/reviews`, {
      scores: { need: 11, team: 4, plan: 10 },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details.map((d: { path: string }) => d.path)).toEqual(['scores.need']);
    const missing = await bureau.client.post(`/api/applications/${a.id}/reviews`, {
      scores: { need: 5, plan: 10 },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].path).toBe('scores.team');
    expect(missing.body.error.message).toContain('team');
    const ok = await bureau.client.post(`/api/applications/${a.id}/reviews`, {
      scores: { need: 5, team: 5, plan: 10 },
    });
    expect(ok.status).toBe(201);
    expect(
      (
        await bureau.client.post(`/api/applications/${a.id}/reviews`, {
          scores: { need: 5, team: 5, plan: 10 },
        })
      ).status,
    ).toBe(409);
    // Off the panel: refused.
    expect(
      (
        await otherOperator.client.post(`/api/applications/${a.id}/reviews`, {
          scores: { need: 5, team: 5, plan: 10 },
        })
      ).status,
    ).toBe(404);
  });

  it('computes weighted scores, leaves a recused one uncounted, and needs the quorum to decide', async () => {
    const a = await inReview(2);
    // need 8/10, team 4/5, plan 10/20: (3·0.8 + 2·0.8 + 1·0.5) / 6 × 100 = 75
    await operator.client.post(`/api/applications/${a.id}/reviews`, {
      scores: { need: 8, team: 4, plan: 10 },
      comment: '可行',
    });
    // A declared conflict: recused, not counted, however high.
    const recused = await reviewer3.client.post(`/api/applications/${a.id}/reviews`, {
      scores: { need: 10, team: 5, plan: 20 },
      conflict: true,
    });
    expect(recused.status).toBe(201);
    expect(recused.body.review.recused).toBe(true);
    const early = await operator.client.post(`/api/applications/${a.id}/decision`, {
      outcome: 'admitted',
      reason: '通过',
    });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe('须有 2 份有效评审才能决定，目前有 1 份');
    expect((await ApplicationModel.findById(a.id).lean())!.status).toBe('in_review');
    // need 5/10, team 5/5, plan 20/20: (1.5 + 2 + 1) / 6 × 100 = 75; and the mean of 75 and 55 below
    await bureau.client.post(`/api/applications/${a.id}/reviews`, { scores: { need: 2, team: 3, plan: 12 } });
    const reviews = await operator.client.get(`/api/applications/${a.id}/reviews`);
    expect(reviews.status).toBe(200);
    const byReviewer = Object.fromEntries(
      reviews.body.items.map((r: { reviewerId: string; weightedScore: number; recused: boolean }) => [
        r.reviewerId,
        r,
      ]),
    );
    expect(byReviewer[operator.id].weightedScore).toBe(75);
    // (3·0.2 + 2·0.6 + 1·0.6) / 6 × 100 = 40
    expect(byReviewer[bureau.id].weightedScore).toBe(40);
    expect(byReviewer[reviewer3.id].recused).toBe(true);
    const decided = await operator.client.post(`/api/applications/${a.id}/decision`, {
      outcome: 'admitted',
      reason: '计划扎实',
    });
    expect(decided.status).toBe(200);
    expect(decided.body.application.decision.tally).toEqual({ counted: 2, recused: 1, meanScore: 57.5 });
    expect(decided.body.application.decision.decidedBy).toBe(operator.id);
    // Admission opens the residency and places the organization in the base.
    const residency = await ResidencyModel.findOne({ organizationId: a.org._id, baseId: xuhui._id }).lean();
    expect(residency?.status).toBe('incubating');
    expect(String((await OrganizationModel.findById(a.org._id).lean())!.baseId)).toBe(String(xuhui._id));
    // Final.
    const again = await operator.client.post(`/api/applications/${a.id}/decision`, {
      outcome: 'rejected',
      reason: '改判',
    });
    expect(again.status).toBe(409);
    expect((await a.client.post(`/api/applications/${a.id}/withdraw`)).status).toBe(409);
  });

  it('recuses a reviewer who is a member of the applicant, whatever they send', async () => {
    const a = await applicant();
    const { user, client } = await signedIn(server, {
      role: 'operator',
      baseId: xuhui._id,
      organizationId: a.org._id,
    });
    const res = await a.client.post(`/api/bases/${xuhui._id}/applications`, {
      organizationId: a.orgId,
      plan,
    });
    const id = res.body.application.id;
    await operator.client.post(`/api/applications/${id}/panel`, {
      reviewerIds: [String(user._id), bureau.id],
      rubric,
      quorum: 1,
      passScore: 60,
    });
    const review = await client.post(`/api/applications/${id}/reviews`, {
      scores: { need: 10, team: 5, plan: 20 },
    });
    expect(review.status).toBe(201);
    expect(review.body.review.recused).toBe(true);
    expect(
      (
        await operator.client.post(`/api/applications/${id}/decision`, {
          outcome: 'admitted',
          reason: '可以通过',
        })
      ).status,
    ).toBe(409);
  });

  it('shows the applicant the outcome, reason and mean score, never a reviewer or a single score', async () => {
    const a = await inReview(1, [operator.id, bureau.id]);
    await bureau.client.post(`/api/applications/${a.id}/reviews`, {
      scores: { need: 6, team: 3, plan: 9 },
      comment: '团队稍弱',
    });
    await operator.client.post(`/api/applications/${a.id}/reviews`, {
      scores: { need: 7, team: 2, plan: 11 },
    });
    const before = await a.client.get(`/api/applications/${a.id}`);
    expect(before.status).toBe(200);
    expect(before.body.application.status).toBe('in_review');
    await operator.client.post(`/api/applications/${a.id}/decision`, {
      outcome: 'rejected',
      reason: '服务计划尚不成熟',
    });
    for (const res of [
      await a.client.get(`/api/applications/${a.id}`),
      await a.client.get('/api/applications/mine'),
    ]) {
      expect(res.status).toBe(200);
      const raw = res.text;
      for (const secret of [
        operator.id,
        bureau.id,
        'reviewerIds',
        'weightedScore',
        'scores',
        '团队稍弱',
        'panel',
        'decidedBy',
        'counted',
      ])
        expect(raw).not.toContain(secret);
    }
    const seen = (await a.client.get(`/api/applications/${a.id}`)).body.application;
    expect(seen.decision).toMatchObject({ outcome: 'rejected', reason: '服务计划尚不成熟' });
    expect(typeof seen.decision.tally.meanScore).toBe('number');
    // The applicant does not read the reviews.
    expect((await a.client.get(`/api/applications/${a.id}/reviews`)).status).toBe(403);
  });

  it("lists a reviewer's pending reviews until scored, and tells each reviewer and the applicant", async () => {
    const a = await inReview(1, [reviewer3.id, bureau.id]);
    const pending = await reviewer3.client.get('/api/applications/pending-reviews');
    expect(pending.body.items.map((i: { id: string }) => i.id)).toContain(a.id);
    await reviewer3.client.post(`/api/applications/${a.id}/reviews`, {
      scores: { need: 9, team: 5, plan: 18 },
    });
    const after = await reviewer3.client.get('/api/applications/pending-reviews');
    expect(after.body.items.map((i: { id: string }) => i.id)).not.toContain(a.id);
    await operator.client.post(`/api/applications/${a.id}/decision`, { outcome: 'admitted', reason: '优秀' });
    await server.ctx.events.settle();
    const told = await reviewer3.client.get('/api/notifications');
    expect(
      told.body.items.some(
        (n: { type: string; link: string }) =>
          n.type === 'application.reviewRequested' && n.link.endsWith(a.id),
      ),
    ).toBe(true);
    const applicantTold = await a.client.get('/api/notifications');
    expect(
      applicantTold.body.items.some(
        (n: { type: string; data: { outcome: string } }) =>
          n.type === 'application.decided' && n.data.outcome === 'admitted',
      ),
    ).toBe(true);
  });
});
