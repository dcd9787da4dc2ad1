import { describe, expect, it } from 'vitest';
import {
  checkCreditCode,
  createListingBodySchema,
  createOrganizationBodySchema,
  districts,
  domains,
  isStreetOfDistrict,
  kinds,
  orgTypeOfCreditCode,
  registerBodySchema,
  subkinds,
} from '@app/shared';
import { organizationCodeCheck } from './creditCodes.js';
import { countsForListings, DEFAULT_NOW, generateDataset, type Dataset } from './generate.js';
import { WINDOW_END, WINDOW_START } from './listingFields.js';

const dataset: Dataset = generateDataset({ seed: 'test', ...countsForListings(2000) });
const { users, organizations, listings } = dataset;

/** Zod's complaints about the first few items that fail a schema, so a failure says what is wrong. */
function failures<T>(items: readonly T[], parse: (item: T) => { success: boolean; error?: unknown }) {
  return items
    .map((item) => ({ item, result: parse(item) }))
    .filter(({ result }) => !result.success)
    .slice(0, 3)
    .map(({ item, result }) => ({ item, error: String(result.error) }));
}

describe('a generated dataset fits the API contract', () => {
  it('has the counts asked for', () => {
    expect(listings).toHaveLength(2000);
    expect(organizations).toHaveLength(50 + 20);
    expect(users).toHaveLength(80 + 50 + 20);
  });

  it('every user parses as a registration body, with a unique e-mail on a reserved domain', () => {
    expect(
      failures(users, (u) =>
        registerBodySchema.safeParse({ email: u.email, password: u.password, name: u.name, role: u.role }),
      ),
    ).toEqual([]);
    expect(new Set(users.map((u) => u.email)).size).toBe(users.length);
    for (const u of users) expect(u.email).toMatch(/@example\.(org|net|com)$/);
  });

  it('every organization parses as a create-organization body and names are unique', () => {
    expect(failures(organizations, (o) => createOrganizationBodySchema.safeParse(o.body))).toEqual([]);
    expect(new Set(organizations.map((o) => o.body.name)).size).toBe(organizations.length);
  });

  it('every listing parses as a create-listing body', () => {
    expect(failures(listings, (l) => createListingBodySchema.safeParse(l.body))).toEqual([]);
  });

  it('owners exist, with the role that may own what they own', () => {
    const roleOf = new Map(users.map((u) => [u.key, u.role]));
    for (const o of organizations) {
      expect(['organization', 'funder']).toContain(roleOf.get(o.ownerKey));
      expect(o.body.type === 'enterprise' || o.body.type === 'foundation').toBe(
        roleOf.get(o.ownerKey) === 'funder',
      );
    }
    for (const l of listings) expect(roleOf.get(l.ownerKey)).toBeDefined();
    expect(new Set(organizations.map((o) => o.ownerKey)).size).toBe(organizations.length);
  });
});

describe('credit codes', () => {
  it('computes the GB 11714 organization-code check of published codes', () => {
    // Organization codes inside credit codes published on the national register (华为, 腾讯, 小米, 中石化, 阿里巴巴).
    for (const code of [
      '914403001922038216',
      '91440300708461136T',
      '91110108551385082Q',
      '91110000710926094P',
      '91330100799655058B',
    ]) {
      expect(organizationCodeCheck(code.slice(8, 16))).toBe(code[16]);
    }
  });

  it('every registered organization has a valid, unique code from the right authority and a Shanghai region', () => {
    const codes = organizations.flatMap((o) => (o.body.creditCode ? [o.body.creditCode] : []));
    expect(new Set(codes).size).toBe(codes.length);
    const districtCodes = new Set(districts.codes);
    for (const o of organizations) {
      const code = o.body.creditCode;
      if (o.body.type === 'project-team') {
        expect(code).toBeUndefined();
        continue;
      }
      const check = checkCreditCode(code!);
      expect(check, code).toMatchObject({ ok: true });
      if (!check.ok) continue;
      expect(check.region === '310000' || districtCodes.has(check.region), check.region).toBe(true);
      expect(organizationCodeCheck(code!.slice(8, 16))).toBe(code![16]);
      // Law firms (31…) are registered by the justice bureau; every other code names the organization's type.
      if (!code!.startsWith('31')) expect(orgTypeOfCreditCode(code!)).toBe(o.body.type);
      else expect(o.body.type).toBe('enterprise');
    }
    expect(codes.some((c) => c.startsWith('51'))).toBe(true);
    expect(codes.some((c) => c.startsWith('52'))).toBe(true);
    expect(codes.some((c) => c.startsWith('53'))).toBe(true);
    expect(codes.some((c) => c.startsWith('91'))).toBe(true);
  });
});

describe('places', () => {
  it('every street belongs to its district, and a location lies near the district centre', () => {
    for (const item of [...organizations.map((o) => o.body), ...listings.map((l) => l.body)]) {
      if (item.street)
        expect(isStreetOfDistrict(item.street, item.district), `${item.street} in ${item.district}`).toBe(
          true,
        );
    }
    for (const { body } of listings) {
      if (!body.location) continue;
      const centre = districts.get(body.district).centre;
      expect(Math.abs(body.location.lat - centre.lat)).toBeLessThan(0.1);
      expect(Math.abs(body.location.lng - centre.lng)).toBeLessThan(0.1);
    }
  });
});

describe('coverage and distributions in 2,000 listings', () => {
  const count = <T>(values: T[]) =>
    values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<T, number>());

  it('every kind, sub-kind, domain and district appears, on both sides', () => {
    const kindCounts = count(listings.map((l) => l.body.kind));
    const subkindCounts = count(listings.flatMap((l) => (l.body.subkind ? [l.body.subkind] : [])));
    const domainCounts = count(listings.flatMap((l) => l.body.domains));
    const districtCounts = count(listings.map((l) => l.body.district));
    expect(kinds.codes.filter((k) => !kindCounts.has(k))).toEqual([]);
    expect(subkinds.codes.filter((k) => !subkindCounts.has(k))).toEqual([]);
    expect(domains.codes.filter((d) => !domainCounts.has(d))).toEqual([]);
    expect(districts.codes.filter((d) => !districtCounts.has(d))).toEqual([]);
    const sides = count(listings.map((l) => l.body.side));
    expect(sides.get('need')! / listings.length).toBeGreaterThan(0.45);
    expect(sides.get('offer')! / listings.length).toBeGreaterThan(0.35);
  });

  it('priority domains are more common than the others', () => {
    const domainCounts = count(listings.flatMap((l) => l.body.domains));
    const mean = (codes: readonly string[]) =>
      codes.reduce((s, c) => s + (domainCounts.get(c as never) ?? 0), 0) / codes.length;
    const priority = domains.items.filter((d) => d.priority).map((d) => d.code);
    const others = domains.items.filter((d) => !d.priority).map((d) => d.code);
    expect(mean(priority)).toBeGreaterThan(1.5 * mean(others));
  });

  it('needs come from residents and organizations, offers mostly from funders and organizations', () => {
    const roleOf = new Map(users.map((u) => [u.key, u.role]));
    const byRole = (side: string) =>
      count(listings.filter((l) => l.body.side === side).map((l) => roleOf.get(l.ownerKey)));
    const needs = byRole('need');
    const offers = byRole('offer');
    expect(needs.get('resident')).toBeGreaterThan(0);
    expect(needs.get('organization')).toBeGreaterThan(needs.get('funder') ?? 0);
    expect(
      (offers.get('funder')! + offers.get('organization')!) / (offers.get('resident') ?? 1),
    ).toBeGreaterThan(10);
  });

  it('funding has sensible amounts, venues a capacity, offers alone set eligibility rules', () => {
    for (const { body } of listings) {
      if (body.kind === 'funding') {
        expect(body.amount?.max, body.title).toBeGreaterThanOrEqual(500);
        expect(body.amount!.max!).toBeLessThanOrEqual(2_000_000);
      }
      if (body.kind === 'venue' && body.side === 'offer') expect(body.capacity).toBeGreaterThan(0);
      if (body.side === 'need') expect(body.eligibility).toBeUndefined();
    }
    const rules = listings.flatMap((l) => (l.body.eligibility ? [l.body.eligibility] : []));
    expect(rules.some((r) => r.registeredOnly)).toBe(true);
    expect(rules.some((r) => r.orgTypes)).toBe(true);
    expect(rules.some((r) => r.minGrade)).toBe(true);
    expect(rules.some((r) => r.districts)).toBe(true);
  });

  it('windows lie in 2026-2027 after posting; listings are posted before now; ended ones are not open', () => {
    const now = Date.parse(DEFAULT_NOW);
    for (const l of listings) {
      const created = Date.parse(l.createdAt);
      expect(created).toBeLessThanOrEqual(now);
      expect(created).toBeGreaterThanOrEqual(WINDOW_START.getTime());
      if (!l.body.startsAt) continue;
      const start = Date.parse(l.body.startsAt);
      const end = Date.parse(l.body.endsAt!);
      expect(start).toBeGreaterThanOrEqual(created);
      expect(end).toBeLessThanOrEqual(WINDOW_END.getTime());
      if (l.body.kind === 'funding' && end < WINDOW_END.getTime())
        expect(end - start).toBeGreaterThanOrEqual(30 * 86_400_000);
      if (end < now) expect(l.status).not.toBe('open');
      if (l.status === 'expired') expect(end).toBeLessThan(now);
    }
    expect(listings.filter((l) => l.status === 'open').length / listings.length).toBeGreaterThan(0.6);
  });

  it('texts are Chinese, varied and free of template leftovers', () => {
    for (const { body } of listings) {
      const text = body.title + body.description;
      expect(text).toMatch(/[\u4e00-\u9fff]{4}/);
      expect(text).not.toMatch(/undefined|NaN|null|\$\{|\[object|服务服务|。。|，。/);
    }
    expect(new Set(listings.map((l) => l.body.title)).size).toBeGreaterThan(1000);
    expect(new Set(listings.map((l) => l.body.description)).size).toBeGreaterThan(1900);
  });
});

describe('determinism and speed', () => {
  it('the same seed gives the same data; another seed gives different data', () => {
    const again = generateDataset({ seed: 'test', ...countsForListings(2000) });
    expect(JSON.stringify(again)).toBe(JSON.stringify(dataset));
    const other = generateDataset({ seed: 'other', ...countsForListings(2000) });
    expect(other.listings.map((l) => l.body.title)).not.toEqual(listings.map((l) => l.body.title));
    expect(other.users.map((u) => u.email)).not.toEqual(users.map((u) => u.email));
  });

  // CPU time rather than wall time: on a shared machine other processes stretch the wall clock, not our CPU time.
  it('generates 100,000 listings in under 5 seconds of CPU time', () => {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const big = generateDataset({ seed: 'bench', ...countsForListings(100_000) });
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    console.log(
      `generated ${big.listings.length} listings, ${big.organizations.length} organizations, ${big.users.length} users: ` +
        `${Math.round(cpuMs)} ms CPU, ${Math.round(wallMs)} ms wall`,
    );
    expect(big.listings).toHaveLength(100_000);
    expect(cpuMs).toBeLessThan(5000);
  }, 60_000);
});
