/** Generated listings: who posts what, where, about which domains, with text that agrees with the fields. */
import {
  districts,
  subkinds,
  type CreateListingBody,
  type District,
  type Domain,
  type ListingStatus,
  type Side,
  type Street,
  type Subkind,
} from '@app/shared';
import {
  drawAmount,
  drawCapacity,
  drawCreatedAt,
  drawEligibility,
  drawStatus,
  drawWindow,
} from './listingFields.js';
import { domainTable, type OrgProfile, type Specialty } from './organizations.js';
import { drawDistrict, drawStreet, nearCentre } from './places.js';
import { Random, WeightedTable } from './random.js';
import { listingText } from './text/compose.js';
import { isoUtc } from './text/format.js';
import type { PosterRole } from './text/slots.js';

/** Someone who posts listings: a resident (with a home) or the owner of an organization. */
export interface Poster {
  readonly key: string;
  readonly role: PosterRole;
  readonly org?: OrgProfile | undefined;
  readonly home?: { readonly district: District; readonly street: Street } | undefined;
}

export interface GeneratedListing {
  key: string;
  ownerKey: string;
  body: CreateListingBody;
  status: ListingStatus;
  /** ISO 8601; the loader may keep it to spread listings over time. */
  createdAt: string;
}

type Weights = readonly (readonly [Subkind, number])[];

/** What each kind of poster posts on each side, by sub-kind (kinds follow from sub-kinds). */
// prettier-ignore
const SUBKIND_WEIGHTS: Record<`${PosterRole}:${Side}`, Weights> = {
  'resident:need': [
    ['community-service', 40], ['volunteer', 14], ['event-space', 6], ['meeting-room', 5], ['equipment', 6],
    ['supplies', 5], ['legal', 8], ['policy', 3], ['subsidy', 6], ['donation', 2], ['pro-bono', 3], ['grant', 1],
  ],
  'resident:offer': [['volunteer', 50], ['pro-bono', 20], ['supplies', 15], ['equipment', 10], ['mentor', 5]],
  'organization:need': [
    ['grant', 14], ['subsidy', 5], ['loan', 2], ['admin-funding', 4], ['donation', 4], ['office', 5],
    ['meeting-room', 5], ['event-space', 6], ['exhibition', 2], ['volunteer', 12], ['pro-bono', 6], ['mentor', 3],
    ['staff', 4], ['registration', 3], ['policy', 3], ['legal', 3], ['finance', 4], ['training', 5],
    ['evaluation', 3], ['publicity', 4], ['community-service', 4], ['equipment', 3], ['supplies', 3],
  ],
  'organization:offer': [
    ['community-service', 30], ['training', 8], ['registration', 3], ['policy', 3], ['evaluation', 4],
    ['finance', 2], ['publicity', 2], ['legal', 1], ['volunteer', 10], ['pro-bono', 3], ['mentor', 3], ['staff', 1],
    ['office', 2], ['meeting-room', 4], ['event-space', 4], ['exhibition', 1], ['supplies', 2], ['equipment', 1],
    ['subsidy', 1],
  ],
  'funder:offer': [
    ['grant', 20], ['subsidy', 5], ['loan', 2], ['admin-funding', 3], ['donation', 12], ['office', 3],
    ['meeting-room', 6], ['event-space', 5], ['exhibition', 3], ['volunteer', 10], ['pro-bono', 8], ['mentor', 4],
    ['staff', 1], ['policy', 1], ['legal', 3], ['finance', 2], ['training', 3], ['publicity', 3], ['equipment', 5],
    ['supplies', 6],
  ],
  'funder:need': [['volunteer', 2], ['publicity', 1], ['event-space', 1]],
};
/** Foundations mostly give money; some coach and train the organizations they fund. */
// prettier-ignore
const FOUNDATION_OFFER_WEIGHTS: Weights = [
  ['grant', 40], ['donation', 10], ['subsidy', 8], ['admin-funding', 8], ['loan', 3], ['mentor', 4], ['training', 5],
  ['evaluation', 3], ['volunteer', 3], ['publicity', 2], ['policy', 2],
];
const SPECIALTY_WEIGHTS: Record<Specialty, Weights> = {
  legal: [
    ['legal', 6],
    ['pro-bono', 4],
    ['training', 1],
  ],
  finance: [
    ['finance', 6],
    ['pro-bono', 2],
    ['training', 2],
  ],
  publicity: [
    ['publicity', 6],
    ['pro-bono', 2],
    ['exhibition', 1],
  ],
};
const subkindTables = new Map(Object.entries(SUBKIND_WEIGHTS).map(([k, w]) => [k, new WeightedTable(w)]));
const specialtyTables = new Map(Object.entries(SPECIALTY_WEIGHTS).map(([k, w]) => [k, new WeightedTable(w)]));
const foundationOffers = new WeightedTable(FOUNDATION_OFFER_WEIGHTS);

/** Residents write mostly about older neighbours, children and their own compound. */
// prettier-ignore
const residentDomains = new WeightedTable<Domain>([
  ['elderly', 8], ['disability', 3], ['child-welfare', 3], ['minor-protection', 1], ['mental-health', 2],
  ['community-governance', 4], ['social-assistance', 2], ['volunteering', 1], ['education', 2], ['health', 3],
  ['environment', 2], ['culture-sports', 3], ['legal-aid', 2], ['employment', 1.5], ['women-family', 2],
  ['emergency', 1],
]);
const domainCounts = new WeightedTable<number>([
  [1, 55],
  [2, 35],
  [3, 10],
]);
const districtCodes = districts.items.map((d) => d.code);

/** The sub-kind a poster posts on a side. */
function drawSubkind(r: Random, poster: Poster, side: Side): Subkind {
  const specialty = poster.org?.specialty;
  if (specialty && side === 'offer' && r.chance(0.7)) return specialtyTables.get(specialty)!.pick(r);
  if (poster.org?.type === 'foundation' && side === 'offer') return foundationOffers.pick(r);
  return subkindTables.get(`${poster.role}:${side}`)!.pick(r);
}

function drawListingDomains(r: Random, poster: Poster, subkind: Subkind): Domain[] {
  const own = poster.org?.domains ?? [];
  const first: Domain =
    subkind === 'legal' && r.chance(0.5)
      ? 'legal-aid'
      : own.length > 0 && r.chance(0.8)
        ? r.pick(own)
        : poster.role === 'resident'
          ? residentDomains.pick(r)
          : domainTable.pick(r);
  const chosen = [first];
  const count = domainCounts.pick(r);
  for (let tries = 0; chosen.length < count && tries < 8; tries++) {
    const next = own.length > 0 && r.chance(0.6) ? r.pick(own) : domainTable.pick(r);
    if (!chosen.includes(next)) chosen.push(next);
  }
  return chosen;
}

/** The district and street a listing is about: mostly the poster's own. */
function drawPlace(r: Random, poster: Poster): { district: District; street?: Street | undefined } {
  const homeDistrict = poster.home?.district ?? poster.org?.district;
  const homeStreet = poster.home?.street ?? poster.org?.street;
  const stayHome = r.chance(poster.role === 'resident' ? 0.95 : poster.role === 'funder' ? 0.6 : 0.8);
  const district = stayHome && homeDistrict ? homeDistrict : drawDistrict(r, 'population');
  const withStreet = r.chance(poster.role === 'resident' ? 0.9 : poster.role === 'funder' ? 0.55 : 0.75);
  if (!withStreet) return { district };
  const street =
    district === homeDistrict && homeStreet && r.chance(0.6) ? homeStreet : drawStreet(r, district);
  return { district, street };
}

/** One listing by a poster on a side; `now` bounds when it was posted and decides which windows have ended. */
export function generateListing(
  r: Random,
  key: string,
  poster: Poster,
  side: Side,
  now: Date,
): GeneratedListing {
  const subkind = drawSubkind(r, poster, side);
  const kind = subkinds.get(subkind).kind;
  const domains = drawListingDomains(r, poster, subkind);
  const { district, street } = drawPlace(r, poster);
  const amount = drawAmount(r, side, subkind);
  const capacity = drawCapacity(r, side, subkind);
  const createdAt = drawCreatedAt(r, now);
  const window = drawWindow(r, side, subkind, createdAt);
  const eligibility = drawEligibility(r, side, poster.role, kind === 'funding', district.code, districtCodes);
  const org = poster.org;
  const text = listingText(r, {
    side,
    kind,
    subkind,
    domain: domains[0]!,
    otherDomains: domains.slice(1),
    role: poster.role,
    owner: org && {
      name: org.name,
      brand: org.brand,
      type: org.type,
      foundedYear: org.foundedYear,
      home: org.street ? `${org.district.zh}${org.street.zh}` : org.district.zh,
    },
    district,
    street,
    amount,
    capacity,
    startsAt: window?.startsAt,
    endsAt: window?.endsAt,
    eligibility,
  });

  const body: CreateListingBody = {
    side,
    kind,
    title: text.title,
    description: text.description,
    domains,
    district: district.code,
  };
  if (r.chance(0.94)) body.subkind = subkind; // some people leave the sub-kind out
  if (street) body.street = street.code;
  if (r.chance(0.6)) body.location = nearCentre(r, district);
  if (amount) body.amount = amount;
  if (capacity !== undefined) body.capacity = capacity;
  if (window) {
    body.startsAt = isoUtc(window.startsAt.getTime());
    body.endsAt = isoUtc(window.endsAt.getTime());
  }
  if (eligibility) body.eligibility = eligibility;
  return {
    key,
    ownerKey: poster.key,
    body,
    status: drawStatus(r, window?.endsAt, now),
    createdAt: isoUtc(createdAt.getTime()),
  };
}
