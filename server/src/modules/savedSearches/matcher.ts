import type { ListingRecord } from '../listings/model.js';
import type { SavedSearchRecord } from './model.js';

type Criteria = Pick<SavedSearchRecord, 'q' | 'side' | 'kind' | 'domain' | 'district'>;
type Candidate = Pick<ListingRecord, 'side' | 'kind' | 'domains' | 'district' | 'title' | 'description'>;

/** The words of a query: split on spaces and punctuation, lower-cased. */
export function queryWords(q: string | undefined | null): string[] {
  return (q ?? '')
    .toLowerCase()
    .split(/[\s,，、;；。.!！?？]+/u)
    .filter(Boolean);
}

/**
 * Whether a new listing answers a saved search, with the search's semantics: filters AND-ed, the values of one
 * filter OR-ed, and every word contained in the title or the description.
 */
export function matchesSavedSearch(search: Criteria, listing: Candidate): boolean {
  if (search.side && search.side !== listing.side) return false;
  if (search.kind?.length && !search.kind.includes(listing.kind)) return false;
  if (search.domain?.length && !search.domain.some((d) => listing.domains?.includes(d))) return false;
  if (search.district?.length && !search.district.includes(listing.district)) return false;
  const text = `${listing.title}\n${listing.description}`.toLowerCase();
  return queryWords(search.q).every((word) => text.includes(word));
}
