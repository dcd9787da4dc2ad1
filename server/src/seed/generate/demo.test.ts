import { describe, expect, it } from 'vitest';
import {
  createBaseBodySchema,
  createListingBodySchema,
  createOrganizationBodySchema,
  createStaffBodySchema,
  isStreetOfDistrict,
  registerBodySchema,
  roles,
} from '@app/shared';
import { DEMO_PASSWORD, demoDataset, demoLogins } from './demo.js';

const demo = demoDataset();
const userByKey = new Map(demo.users.map((u) => [u.key, u]));
const baseKeys = new Set(demo.bases.map((b) => b.key));

describe('the demo dataset', () => {
  it('has a modest size: three bases, about a dozen organizations, eight residents, 150 listings', () => {
    expect(demo.bases).toHaveLength(3);
    expect(demo.organizations.length).toBeGreaterThanOrEqual(12);
    expect(demo.organizations.length).toBeLessThanOrEqual(14);
    expect(demo.users.filter((u) => u.role === 'resident')).toHaveLength(8);
    expect(demo.listings).toHaveLength(150);
  });

  it('offers a fixed login for every role, all with the documented password', () => {
    expect(new Set(demoLogins.map((l) => l.role))).toEqual(new Set(roles.codes));
    for (const login of demoLogins) {
      expect(login.password).toBe(DEMO_PASSWORD);
      expect(login.email).toMatch(/^[a-z.]+@demo\.example\.org$/);
      expect(userByKey.get(login.key)).toMatchObject({
        email: login.email,
        password: DEMO_PASSWORD,
        role: login.role,
      });
    }
    expect(new Set(demo.users.map((u) => u.email)).size).toBe(demo.users.length);
  });

  it('bases, accounts, organizations and listings fit the API schemas', () => {
    for (const base of demo.bases)
      expect(createBaseBodySchema.safeParse(base.body).success, base.key).toBe(true);
    for (const u of demo.users) {
      const { email, password, name, role } = u;
      const result =
        role === 'operator' || role === 'bureau'
          ? createStaffBodySchema.safeParse({
              email,
              password,
              name,
              role,
              ...(u.baseKey ? { baseId: 'a'.repeat(24) } : {}),
            })
          : registerBodySchema.safeParse({ email, password, name, role });
      expect(result.success, `${u.key}: ${String(result.error)}`).toBe(true);
    }
    for (const o of demo.organizations) {
      const result = createOrganizationBodySchema.safeParse(o.body);
      expect(result.success, `${o.key}: ${String(result.error)}`).toBe(true);
    }
    for (const l of demo.listings) {
      const result = createListingBodySchema.safeParse(l.body);
      expect(result.success, `${l.key}: ${String(result.error)}`).toBe(true);
    }
  });

  it('operators run a base; organizations resident in a base are verified and in its district', () => {
    for (const u of demo.users.filter((u) => u.role === 'operator'))
      expect(baseKeys.has(u.baseKey!)).toBe(true);
    const resident = demo.organizations.filter((o) => o.baseKey);
    expect(resident.length).toBeGreaterThanOrEqual(2);
    for (const o of resident) {
      const base = demo.bases.find((b) => b.key === o.baseKey)!;
      expect(o.verified).toBe(true);
      expect(o.body.district).toBe(base.body.district);
    }
    for (const b of demo.bases) expect(isStreetOfDistrict(b.body.street!, b.body.district)).toBe(true);
  });

  it('every listing and organization has an owner who may own it; every demo login with a side posts listings', () => {
    for (const o of demo.organizations)
      expect(['organization', 'funder']).toContain(userByKey.get(o.ownerKey)?.role);
    for (const l of demo.listings)
      expect(['resident', 'organization', 'funder']).toContain(userByKey.get(l.ownerKey)?.role);
    const owners = new Set(demo.listings.map((l) => l.ownerKey));
    for (const key of ['demo-resident', 'demo-organization', 'demo-team', 'demo-funder', 'demo-company']) {
      expect(owners.has(key), key).toBe(true);
    }
  });

  it("the organization's grant need meets every rule of the foundation's grant offer", () => {
    const offer = demo.listings.find((l) => l.key === 'demo-offer-grant')!.body;
    const org = demo.organizations.find((o) => o.ownerKey === 'demo-organization')!;
    const rules = offer.eligibility!;
    expect(rules.registeredOnly && org.body.type !== 'project-team' && org.verified).toBe(true);
    expect(org.grade).toBeGreaterThanOrEqual(rules.minGrade!);
    expect(rules.districts).toContain(org.body.district);
    const team = demo.organizations.find((o) => o.ownerKey === 'demo-team')!;
    expect(demo.listings.find((l) => l.key === 'demo-offer-subsidy')!.body.eligibility!.orgTypes).toEqual([
      team.body.type,
    ]);
  });

  it('is the same every time', () => {
    expect(JSON.stringify(demoDataset())).toBe(JSON.stringify(demo));
  });
});
