/**
 * The one seeded generator of realistic ResourceLink data, for the demo, `npm run seed` and every benchmark.
 * Pure data: the loaders turn it into accounts, organizations and listings through the server's services.
 * The same options always give the same dataset.
 */
import type { Role, Side } from '@app/shared';
import { generateListing, type GeneratedListing, type Poster } from './listings.js';
import {
  funderOrganization,
  NameRegistry,
  socialOrganization,
  type GeneratedOrganization,
  type OrgProfile,
} from './organizations.js';
import { emailDomains, emailFor, personName } from './people.js';
import { drawDistrict, drawStreet } from './places.js';
import { Random, WeightedTable } from './random.js';
import type { PosterRole } from './text/slots.js';

export type { GeneratedListing } from './listings.js';
export type { GeneratedOrganization } from './organizations.js';

/** The moment generated data treats as now, so the same seed gives the same data on any day. */
export const DEFAULT_NOW = '2026-11-15T10:00:00+08:00';
/** The password of every generated account: one hash serves them all when loading. */
export const DEFAULT_PASSWORD = 'resourcelink-2026';

export interface DatasetOptions {
  seed: number | string;
  /** Social organizations (role `organization`), each with one owner account. */
  organizations: number;
  /** Enterprises and foundations (role `funder`), each with one owner account. */
  funders: number;
  /** Resident accounts (role `resident`). */
  residents: number;
  listings: number;
  /** Default DEFAULT_NOW. Listings are posted before it; windows that ended before it are mostly expired. */
  now?: Date | string;
  /** Default DEFAULT_PASSWORD. */
  password?: string;
  /** District codes where residents and organizations are based (default: all 16); listings still stray a little. */
  districts?: readonly string[];
  /** Organization names already taken (the demo's hand-made ones), so generated names never repeat them. */
  takenNames?: readonly string[];
}

export interface GeneratedUser {
  key: string;
  email: string;
  password: string;
  name: string;
  role: Role;
}

export interface Dataset {
  users: GeneratedUser[];
  /** Each belongs to the user `ownerKey`, who acts for it. */
  organizations: GeneratedOrganization[];
  listings: GeneratedListing[];
}

/** Counts that keep a realistic number of listings per account for a given number of listings. */
export function countsForListings(listings: number): Omit<DatasetOptions, 'seed'> {
  return {
    listings,
    organizations: Math.max(4, Math.ceil(listings / 40)),
    funders: Math.max(2, Math.ceil(listings / 100)),
    residents: Math.max(4, Math.ceil(listings / 25)),
  };
}

/** How listings divide between who posts them and on which side. */
const MIX: readonly (readonly [PosterRole, Side, number])[] = [
  ['resident', 'need', 22],
  ['organization', 'need', 33],
  ['funder', 'offer', 25],
  ['organization', 'offer', 17],
  ['resident', 'offer', 2],
  ['funder', 'need', 1],
];

const pad = (n: number, width = 5) => String(n).padStart(width, '0');

/** Generates accounts, organizations and listings; deterministic for the options given. */
export function generateDataset(options: DatasetOptions): Dataset {
  const { users, organizations, posters } = generateAccounts(options);
  const now = new Date(options.now ?? DEFAULT_NOW);
  const listings = generateListings(
    new Random(options.seed).fork('listings'),
    posters,
    options.listings,
    now,
  );
  return { users, organizations, listings };
}

/** The accounts and organizations of a dataset, and the posters listings are drawn from. */
export interface Accounts {
  users: GeneratedUser[];
  organizations: GeneratedOrganization[];
  posters: Record<PosterRole, Poster[]>;
}

/** Residents, social organizations and funders with their owner accounts (the first half of generateDataset). */
export function generateAccounts(options: Omit<DatasetOptions, 'listings' | 'now'>): Accounts {
  const root = new Random(options.seed);
  // Separate streams: more residents do not change the organizations drawn, and so on.
  const streams = {
    residents: root.fork('residents'),
    organizations: root.fork('organizations'),
    funders: root.fork('funders'),
  };
  const password = options.password ?? DEFAULT_PASSWORD;
  const users: GeneratedUser[] = [];
  const organizations: GeneratedOrganization[] = [];
  const posters: Record<PosterRole, Poster[]> = { resident: [], organization: [], funder: [] };
  const names = new NameRegistry(options.takenNames);
  const only = options.districts;

  for (let i = 1; i <= options.residents; i++) {
    const r = streams.residents;
    const key = `resident-${pad(i)}`;
    const name = personName(r);
    users.push({
      key,
      email: emailFor(name, i, emailDomains.resident),
      password,
      name: name.zh,
      role: 'resident',
    });
    const district = drawDistrict(r, 'population', only);
    posters.resident.push({ key, role: 'resident', home: { district, street: drawStreet(r, district) } });
  }

  const addOrganizations = (role: 'organization' | 'funder', count: number, r: Random) => {
    for (let i = 1; i <= count; i++) {
      const ownerKey = `${role}-owner-${pad(i)}`;
      const name = personName(r);
      users.push({
        key: ownerKey,
        email: emailFor(name, i, emailDomains[role]),
        password,
        name: name.zh,
        role,
      });
      const make = role === 'organization' ? socialOrganization : funderOrganization;
      const { profile, organization } = make(r, `${role}-${pad(i)}`, ownerKey, names, i, only);
      organizations.push(organization);
      posters[role].push({ key: ownerKey, role, org: profile });
    }
  };
  addOrganizations('organization', options.organizations, streams.organizations);
  addOrganizations('funder', options.funders, streams.funders);
  return { users, organizations, posters };
}

/** Listings spread over posters: a few accounts post a lot, most post a little (log-normal activity). */
export function generateListings(
  r: Random,
  posters: Record<PosterRole, readonly Poster[]>,
  count: number,
  now: Date,
  keyPrefix = 'listing',
): GeneratedListing[] {
  if (count === 0) return [];
  const present = MIX.filter(([role]) => posters[role].length > 0);
  if (present.length === 0) throw new Error('listings need at least one resident, organization or funder');
  const mix = new WeightedTable(
    present.map(([role, side, weight]) => [[role, side] as const, weight] as const),
  );
  const byActivity = new Map<PosterRole, WeightedTable<Poster>>();
  for (const [role, list] of Object.entries(posters) as [PosterRole, Poster[]][]) {
    if (list.length > 0)
      byActivity.set(role, new WeightedTable(list.map((p) => [p, Math.exp(r.normal(0, 0.9))] as const)));
  }
  const listings: GeneratedListing[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const [role, side] = mix.pick(r);
    const poster = byActivity.get(role)!.pick(r);
    listings[i] = generateListing(r, `${keyPrefix}-${pad(i + 1, 6)}`, poster, side, now);
  }
  return listings;
}

export type { OrgProfile, Poster };
