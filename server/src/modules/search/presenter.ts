import type { Listing, SearchResult as SearchAnswer } from '@app/shared';
import { JsonText, jsonWith, textWith, unreadText } from '../../lib/jsonText.js';
import type { SearchResult } from '../../search/port.js';

/** The facets every search answer counts. */
export const SEARCH_FACETS = ['kind', 'domain', 'district', 'amount'] as const;

/**
 * The search answer as JSON: each hit's listing with its highlight, then the total, the page and the facets. A
 * listing the index kept as JSON text is written out as that text (lib/jsonText.ts), which gives the same bytes
 * as serializing `{ ...listing, highlight }` without a second pass over every listing of the page; one that came
 * over the search RPC as text and was not read since (`unreadText`) is written out without being parsed. A hit whose
 * listing is missing (removed a moment ago, and not stored in the index) is left out, not shown half.
 */
export function searchAnswer(result: SearchResult, listings: ReadonlyMap<string, Listing>): JsonText {
  const items: string[] = [];
  for (const hit of result.hits) {
    const text = unreadText(hit, 'listing');
    if (text !== undefined) {
      items.push(textWith(text, 'highlight', hit.highlight));
      continue;
    }
    const listing = listings.get(hit.id);
    if (listing) items.push(jsonWith(listing, 'highlight', hit.highlight));
  }
  const rest: Omit<SearchAnswer, 'items'> = {
    total: result.total,
    page: result.page,
    pageSize: result.pageSize,
    facets: Object.fromEntries(
      SEARCH_FACETS.map((f) => [f, result.facets[f] ?? {}]),
    ) as SearchAnswer['facets'],
  };
  return new JsonText(`{"items":[${items.join(',')}],${JSON.stringify(rest).slice(1)}`);
}

/** The hits whose listing the answer needs as an object: all but those kept unread as text (`unreadText`). */
export const hitsToRead = (result: SearchResult) =>
  result.hits.filter((hit) => unreadText(hit, 'listing') === undefined);
