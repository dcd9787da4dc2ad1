/**
 * The labelled evaluation set for matching: needs as residents and organizations post them, a pool of offers, and
 * for each need the offers a base operator would put in front of it (2 = very relevant, 1 = relevant; any offer
 * not named is judged not relevant). Entries are written compactly; `loadLabelledSet` expands them to listings.
 *
 * How the judgments were made: as an operator of a base would, reading the need and each offer in full, before
 * and independently of the scorer. An offer whose eligibility rules the need's owner fails is never judged
 * relevant (the operator knows the applicant cannot take it); some of those are named in `expectExcluded`.
 */
import {
  districts,
  streets,
  subkinds,
  type Domain,
  type Eligibility,
  type Listing,
  type OrgType,
} from '@app/shared';
import type {
  EligibilityFactor,
  MatchOrganization,
  ProviderRecord,
} from '../../server/src/modules/matching/types.js';
import { labelledNeeds } from './labelled-needs.js';
import { careOffers } from './labelled-offers-care.js';
import { spaceAndPeopleOffers } from './labelled-offers-space-people.js';
import { supportOffers } from './labelled-offers-support.js';

/** The moment the set is judged at: windows before it are over. */
export const AS_OF = '2027-05-15T09:00:00+08:00';

interface EntryBase {
  id: string;
  /** A sub-kind code; the kind follows from it. */
  sub: string;
  title: string;
  text: string;
  domains: Domain[];
  /** A street code (9 digits) or, when the street is not given, a district code (6 digits). */
  at: string;
  /** Yuan: [min, max]; either may be null. */
  amount?: [number | null, number | null];
  cap?: number;
  from?: string;
  to?: string;
  /** YYYY-MM-DD */
  created: string;
}

export interface OfferEntry extends EntryBase {
  /** The organization or company that posts the offer. */
  by: string;
  byType: OrgType;
  rules?: Eligibility;
  record?: ProviderRecord;
  status?: Listing['status'];
  capUsed?: number;
}

export interface NeedEntry extends EntryBase {
  /** The organization that posts the need; a resident's need has none. */
  org?: { name: string; type: OrgType; registered: boolean; grade?: number };
  relevant: Record<string, 1 | 2>;
  /** Offers the need's owner is not eligible for, with a rule they fail. */
  expectExcluded?: Record<string, EligibilityFactor>;
}

export interface LabelledNeed {
  listing: Listing;
  org: MatchOrganization | undefined;
  relevant: ReadonlyMap<string, 1 | 2>;
  expectExcluded: ReadonlyMap<string, EligibilityFactor>;
  /** Kept out of tuning: a third of the needs, chosen by position before any weight was tried. */
  heldOut: boolean;
}

export interface LabelledSet {
  asOf: Date;
  needs: LabelledNeed[];
  offers: Listing[];
  organizationOf: (listing: Listing) => MatchOrganization | undefined;
  recordOf: (listing: Listing) => ProviderRecord | undefined;
}

function place(at: string): { district: string; street?: string } {
  if (at.length === 9) {
    const street = streets.find(at);
    if (!street) throw new Error(`unknown street code in the labelled set: ${at}`);
    return { district: street.district, street: at };
  }
  if (!districts.has(at)) throw new Error(`unknown district code in the labelled set: ${at}`);
  return { district: at };
}

const shanghaiTime = (date: string, endOfDay = false) =>
  new Date(`${date}T${endOfDay ? '23:59:59' : '00:00:00'}+08:00`).toISOString();

function toListing(
  e: EntryBase,
  side: Listing['side'],
  owner: { ownerId: string; organizationId?: string; name?: string },
): Listing {
  const sub = subkinds.find(e.sub);
  if (!sub) throw new Error(`unknown sub-kind in the labelled set: ${e.sub} (${e.id})`);
  const [min, max] = e.amount ?? [null, null];
  const created = shanghaiTime(e.created);
  return {
    id: e.id,
    side,
    kind: sub.kind,
    subkind: sub.code,
    title: e.title,
    description: e.text,
    domains: e.domains,
    ...place(e.at),
    ...(e.amount ? { amount: { ...(min !== null ? { min } : {}), ...(max !== null ? { max } : {}) } } : {}),
    ...(e.cap !== undefined ? { capacity: e.cap } : {}),
    ...(e.from ? { startsAt: shanghaiTime(e.from) } : {}),
    ...(e.to ? { endsAt: shanghaiTime(e.to, true) } : {}),
    status: 'open',
    ownerId: owner.ownerId,
    ...(owner.organizationId ? { organizationId: owner.organizationId, organizationName: owner.name } : {}),
    verified: true,
    createdAt: created,
    updatedAt: created,
  };
}

/** Expands one labelled need, checking that every offer it names is in the pool. */
export function expandNeed(e: NeedEntry, offerIds: ReadonlySet<string>, heldOut: boolean): LabelledNeed {
  for (const id of [...Object.keys(e.relevant), ...Object.keys(e.expectExcluded ?? {})]) {
    if (!offerIds.has(id)) throw new Error(`need ${e.id} names an unknown offer ${id}`);
  }
  const org: MatchOrganization | undefined = e.org && {
    name: e.org.name,
    type: e.org.type,
    registered: e.org.registered,
    grade: e.org.grade ?? null,
  };
  const owner = e.org
    ? { ownerId: `user:${e.org.name}`, organizationId: `org:${e.org.name}`, name: e.org.name }
    : { ownerId: `resident:${e.id}` };
  return {
    listing: toListing(e, 'need', owner),
    org,
    relevant: new Map(Object.entries(e.relevant)),
    expectExcluded: new Map(Object.entries(e.expectExcluded ?? {})),
    heldOut,
  };
}

/** Expands the compact entries into listings, organizations and records, checking every reference. */
export function loadLabelledSet(): LabelledSet {
  const offerPool = [...careOffers, ...spaceAndPeopleOffers, ...supportOffers];
  const offers = offerPool.map((e) => ({
    ...toListing(e, 'offer', { ownerId: `user:${e.by}`, organizationId: `org:${e.by}`, name: e.by }),
    ...(e.rules ? { eligibility: e.rules } : {}),
    ...(e.status ? { status: e.status } : {}),
    ...(e.capUsed !== undefined ? { capacityUsed: e.capUsed } : {}),
  }));
  const offerIds = new Set(offers.map((o) => o.id));
  if (offerIds.size !== offers.length) throw new Error('duplicate offer id in the labelled set');
  const records = new Map(offerPool.filter((e) => e.record).map((e) => [e.id, e.record!]));

  const needOrgs = new Map<string, MatchOrganization>();
  const needs = labelledNeeds.map((e, index): LabelledNeed => {
    const need = expandNeed(e, offerIds, index % 3 === 2);
    if (need.org) needOrgs.set(need.listing.organizationId!, need.org);
    return need;
  });
  return {
    asOf: new Date(AS_OF),
    needs,
    offers,
    organizationOf: (l) => (l.organizationId ? needOrgs.get(l.organizationId) : undefined),
    recordOf: (l) => records.get(l.id),
  };
}
