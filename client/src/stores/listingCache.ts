import { defineStore } from 'pinia';
import { shallowReactive } from 'vue';
import type { Listing } from '@app/shared';
import { fetchListing } from '@/api/listings.js';

/**
 * Listings by id, fetched once each: match lists show the titles of both sides, and a match carries only ids.
 * A listing that cannot be read (closed by its owner and gone, or another's private one) stays absent.
 */
export const useListingCacheStore = defineStore('listingCache', () => {
  const byId = shallowReactive(new Map<string, Listing>());
  const inflight = new Map<string, Promise<Listing | undefined>>();

  function load(id: string): Promise<Listing | undefined> {
    const known = byId.get(id);
    if (known) return Promise.resolve(known);
    let request = inflight.get(id);
    if (!request) {
      request = fetchListing(id)
        .then((listing) => {
          byId.set(id, listing);
          return listing;
        })
        .catch(() => undefined)
        .finally(() => inflight.delete(id));
      inflight.set(id, request);
    }
    return request;
  }

  /** Keeps a listing just fetched or changed elsewhere, so the lists show its latest state. */
  function remember(listing: Listing): void {
    byId.set(listing.id, listing);
  }

  return { byId, load, remember, get: (id: string) => byId.get(id) };
});
