import { trusted } from 'mongoose';
import type { Listing } from '@app/shared';
import type { SearchHit } from '../../search/port.js';
import { ListingModel, type ListingRecord } from './model.js';
import { presentListings } from './presenter.js';

/**
 * The listings behind search hits, by id: the listing the index stored with each hit, and for a hit without one
 * (an index written before documents carried it) the listing read from the database. A hit whose listing is gone
 * from the database is absent from the map.
 */
export async function listingsOfHits(
  hits: readonly Pick<SearchHit, 'id' | 'listing'>[],
): Promise<Map<string, Listing>> {
  const byId = new Map<string, Listing>();
  const missing: string[] = [];
  for (const hit of hits) {
    if (hit.listing) byId.set(hit.id, hit.listing);
    else missing.push(hit.id);
  }
  if (missing.length) {
    const records = await ListingModel.find({ _id: trusted({ $in: missing }) }).lean<ListingRecord[]>();
    for (const listing of await presentListings(records)) byId.set(listing.id, listing);
  }
  return byId;
}
