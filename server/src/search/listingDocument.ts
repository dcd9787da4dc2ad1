import type { SearchDocument } from './port.js';
import type { ListingRecord } from '../modules/listings/model.js';
import type { OrganizationRecord } from '../modules/organizations/model.js';
import { districtCentre } from '@app/shared';

type OrgSummary = Pick<OrganizationRecord, 'name' | 'verification'>;

/** The index's view of a listing: searchable text and filter values, never contact details. */
export function toSearchDocument(listing: ListingRecord, org: OrgSummary | undefined): SearchDocument {
  const geo =
    listing.location?.lat != null && listing.location?.lng != null
      ? listing.location
      : districtCentre(listing.district);
  return {
    id: String(listing._id),
    side: listing.side,
    kind: listing.kind as SearchDocument['kind'],
    subkind: (listing.subkind as SearchDocument['subkind']) ?? null,
    title: listing.title,
    description: listing.description,
    domains: listing.domains as SearchDocument['domains'],
    district: listing.district,
    street: listing.street ?? null,
    organizationName: org?.name ?? null,
    verified: org?.verification?.status === 'verified',
    amountMin: listing.amount?.min ?? null,
    amountMax: listing.amount?.max ?? null,
    createdAt: listing.createdAt.getTime(),
    status: listing.status as SearchDocument['status'],
    _geo: geo ? { lat: geo.lat!, lng: geo.lng! } : null,
  };
}
