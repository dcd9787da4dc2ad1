import type { Listing } from '@app/shared';
import { organizationFacts, type OrganizationFacts } from '../organizations/read.js';
import type { ListingRecord } from './model.js';

type OrgSummary = Pick<OrganizationFacts, '_id' | 'name' | 'verification'>;

/** The listing as the API shows it: no contact data, the organization's name and its verified badge. */
export function presentListing(l: ListingRecord, org: OrgSummary | undefined): Listing {
  const amount =
    l.amount && (l.amount.min != null || l.amount.max != null)
      ? {
          ...(l.amount.min != null ? { min: l.amount.min } : {}),
          ...(l.amount.max != null ? { max: l.amount.max } : {}),
        }
      : undefined;
  const e = l.eligibility;
  const eligibility =
    e && (e.orgTypes?.length || e.registeredOnly != null || e.minGrade != null || e.districts?.length)
      ? {
          ...(e.orgTypes?.length
            ? { orgTypes: e.orgTypes as NonNullable<Listing['eligibility']>['orgTypes'] }
            : {}),
          ...(e.registeredOnly != null ? { registeredOnly: e.registeredOnly } : {}),
          ...(e.minGrade != null ? { minGrade: e.minGrade } : {}),
          ...(e.districts?.length ? { districts: e.districts } : {}),
        }
      : undefined;
  return {
    id: String(l._id),
    side: l.side,
    kind: l.kind as Listing['kind'],
    ...(l.subkind ? { subkind: l.subkind as Listing['subkind'] } : {}),
    title: l.title,
    description: l.description,
    domains: l.domains as Listing['domains'],
    district: l.district,
    ...(l.street ? { street: l.street } : {}),
    ...(l.location?.lat != null && l.location?.lng != null
      ? { location: { lat: l.location.lat, lng: l.location.lng } }
      : {}),
    ...(amount ? { amount } : {}),
    ...(l.capacity != null ? { capacity: l.capacity } : {}),
    ...(l.capacityUsed ? { capacityUsed: l.capacityUsed } : {}),
    ...(l.startsAt ? { startsAt: l.startsAt.toISOString() } : {}),
    ...(l.endsAt ? { endsAt: l.endsAt.toISOString() } : {}),
    ...(eligibility ? { eligibility } : {}),
    status: l.status as Listing['status'],
    ownerId: String(l.ownerId),
    ...(l.organizationId ? { organizationId: String(l.organizationId) } : {}),
    ...(org ? { organizationName: org.name } : {}),
    verified: org?.verification?.status === 'verified',
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
  };
}

/** Presents many listings with one organization lookup (none for organizations read in the last moments). */
export async function presentListings(listings: ListingRecord[]): Promise<Listing[]> {
  const orgs = await organizationFacts(listings.map((l) => l.organizationId));
  return listings.map((l) =>
    presentListing(l, l.organizationId ? orgs.get(String(l.organizationId)) : undefined),
  );
}
