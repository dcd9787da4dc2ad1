import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization } from '@app/shared';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { DEMO_PASSWORD } from './demo.js';
import { demoBases } from './generate/demoCast.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ SEED_DEMO: 'true' });
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

describe('the demo data', () => {
  it("lists its organizations, and the Xuhui operator finds the Xuhui project team waiting in the base's queue", async () => {
    const visitor = server.client();
    const verified = await visitor.get('/api/organizations?verification=verified');
    expect(verified.status).toBe(200);
    expect(verified.body.total).toBeGreaterThan(0);
    for (const org of verified.body.items as Organization[]) expect(Date.parse(org.createdAt)).not.toBeNaN();

    const operator = server.client();
    const login = await operator.post('/api/auth/login', {
      email: 'operator@demo.example.org',
      password: DEMO_PASSWORD,
    });
    expect(login.status).toBe(200);
    operator.resetCsrf();
    const pending = await operator.get('/api/organizations?verification=pending');
    expect(pending.status).toBe(200);
    const team = (pending.body.items as Organization[]).find((o) => o.name === '天平路街道银杏志愿服务队');
    expect(team).toBeDefined();
    const one = await operator.get(`/api/organizations/${team!.id}`);
    expect(one.status).toBe(200);
    expect(one.body.organization.documents).toEqual([]);
  });

  it('has three described bases with residents at every stage, and a review waiting for the demo staff', async () => {
    const visitor = server.client();
    // The three bases of the demo's cast; the year of history adds one in each other district.
    const cast = new Set(demoBases.map((b) => b.body.name));
    const bases = (
      (await visitor.get('/api/bases?pageSize=100')).body.items as {
        id: string;
        name: string;
        description: string;
        domains: string[];
        residentCount: number;
      }[]
    ).filter((b) => cast.has(b.name));
    expect(bases).toHaveLength(3);
    for (const base of bases) expect(base.description.length).toBeGreaterThan(10);
    const statuses = new Set<string>();
    for (const base of bases) {
      const residents = await visitor.get(`/api/bases/${base.id}/residents?pageSize=100`);
      for (const r of residents.body.items as { status: string }[]) statuses.add(r.status);
    }
    expect([...statuses].sort()).toEqual(['exited', 'graduated', 'incubating']);
    for (const email of ['operator@demo.example.org', 'bureau@demo.example.org']) {
      const staff = server.client();
      await staff.post('/api/auth/login', { email, password: DEMO_PASSWORD });
      staff.resetCsrf();
      const pending = await staff.get('/api/applications/pending-reviews');
      expect(pending.body.total, email).toBe(1);
    }
    const bureau = server.client();
    await bureau.post('/api/auth/login', { email: 'bureau@demo.example.org', password: DEMO_PASSWORD });
    bureau.resetCsrf();
    const outcomes = new Set<string>();
    for (const base of bases) {
      const apps = await bureau.get(`/api/bases/${base.id}/applications`);
      for (const a of apps.body.items as { status: string }[]) outcomes.add(a.status);
    }
    expect(outcomes).toEqual(new Set(['submitted', 'in_review', 'admitted', 'rejected']));
  });

  it('has spaces at every base with a week of bookings, a full training with a waiting list and a past showcase', async () => {
    const operator = server.client();
    await operator.post('/api/auth/login', { email: 'operator@demo.example.org', password: DEMO_PASSWORD });
    operator.resetCsrf();
    const cast = new Set(demoBases.map((b) => b.body.name));
    const bases = (
      (await operator.get('/api/bases?pageSize=100')).body.items as { id: string; name: string }[]
    ).filter((b) => cast.has(b.name));
    expect(bases).toHaveLength(3);
    for (const base of bases) {
      const spaces = await operator.get(`/api/bases/${base.id}/spaces`);
      expect(spaces.body.items.length, base.name).toBeGreaterThanOrEqual(2);
    }
    const mine = (await operator.get('/api/auth/me')).body.user.baseId as string;
    const room = (await operator.get(`/api/bases/${mine}/spaces`)).body.items[0];
    const week = await operator.get(
      `/api/spaces/${room.id}/bookings?from=${new Date().toISOString()}&to=${new Date(Date.now() + 8 * 86_400_000).toISOString()}`,
    );
    expect(week.body.items.length).toBeGreaterThanOrEqual(3);
    expect(week.body.items.every((b: { organizationName?: string }) => b.organizationName)).toBe(true);
    const events = (await operator.get(`/api/events?baseId=${mine}`)).body.items as {
      kind: string;
      confirmedCount: number;
      capacity: number;
      waitlistCount: number;
      endsAt: string;
    }[];
    const upcoming = events.filter((e) => Date.parse(e.endsAt) > Date.now() && e.kind === 'training');
    expect(upcoming).toHaveLength(2);
    expect(upcoming.some((e) => e.confirmedCount === e.capacity && e.waitlistCount > 0)).toBe(true);
    expect(events.some((e) => e.kind === 'showcase' && Date.parse(e.endsAt) < Date.now())).toBe(true);
  });

  it('has a year of history in every district, so the dashboard and its map show something on first start', async () => {
    const bureau = server.client();
    const login = await bureau.post('/api/auth/login', {
      email: 'bureau@demo.example.org',
      password: DEMO_PASSWORD,
    });
    expect(login.status).toBe(200);
    const stats = await bureau.get('/api/stats');
    expect(stats.status).toBe(200);
    const byDistrict = Object.values(
      stats.body.byDistrict as Record<string, { needs: number; matches: number }>,
    );
    expect(byDistrict).toHaveLength(16);
    for (const d of byDistrict) expect(d.needs).toBeGreaterThan(0);
    expect(stats.body.matches.completed).toBeGreaterThan(0);
    expect(stats.body.fundsLeveraged).toBeGreaterThan(0);
    expect(stats.body.residents.incubating).toBeGreaterThan(0);
    const months = stats.body.byMonth as { needs: number }[];
    expect(months.filter((m) => m.needs > 0).length).toBeGreaterThanOrEqual(11);
  });
});
