import {
  listingEnvelopeSchema,
  listingSchema,
  pageOf,
  type CreateListingBody,
  type Listing,
  type ListingStatus,
  type Side,
  type UpdateListingBody,
} from '@app/shared';
import { api, type HttpClient } from './http.js';

const listingPageSchema = pageOf(listingSchema);

export async function postListing(body: CreateListingBody, client: HttpClient = api): Promise<Listing> {
  return (await client.post('/api/listings', body, { schema: listingEnvelopeSchema })).listing;
}

export async function fetchListing(id: string, client: HttpClient = api): Promise<Listing> {
  return (await client.get(`/api/listings/${id}`, { schema: listingEnvelopeSchema })).listing;
}

/** The caller's own listings (and their organization's), newest first. */
export function fetchMyListings(
  query: { status?: ListingStatus; side?: Side; page?: number; pageSize?: number } = {},
  client: HttpClient = api,
) {
  return client.get('/api/listings/mine', { query, schema: listingPageSchema });
}

export async function closeListing(id: string, client: HttpClient = api): Promise<Listing> {
  return (await client.post(`/api/listings/${id}/close`, undefined, { schema: listingEnvelopeSchema }))
    .listing;
}

/** Changes an open listing of one's own; the server re-indexes it and keeps its matches consistent. */
export async function updateListing(
  id: string,
  body: UpdateListingBody,
  client: HttpClient = api,
): Promise<Listing> {
  return (await client.patch(`/api/listings/${id}`, body, { schema: listingEnvelopeSchema })).listing;
}
