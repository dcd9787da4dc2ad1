import { districtCentre, type Listing } from '@app/shared';
import type { SearchDocument } from './port.js';

/**
 * The index's view of a listing, made from the listing as the API presents it (so never contact details):
 * searchable text and filter values, and the presented listing itself for showing hits.
 */
export function toSearchDocument(listing: Listing): SearchDocument {
  const geo = listing.location ?? districtCentre(listing.district);
  return {
    id: listing.id,
    side: listing.side,
    kind: listing.kind,
    subkind: listing.subkind ?? null,
    title: listing.title,
    description: listing.description,
    domains: listing.domains,
    district: listing.district,
    street: listing.street ?? null,
    organizationName: listing.organizationName ?? null,
    verified: listing.verified,
    amountMin: listing.amount?.min ?? null,
    amountMax: listing.amount?.max ?? null,
    createdAt: Date.parse(listing.createdAt),
    status: listing.status,
    _geo: geo ? { lat: geo.lat, lng: geo.lng } : null,
    listing,
  };
}
