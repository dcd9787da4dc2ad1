import { searchResultSchema, type SearchResult } from '@app/shared';
import { api, type HttpClient, type Query } from './http.js';

/** The filters of `GET /api/search` as the page holds them; repeated values are OR-ed by the API. */
export interface SearchParams {
  q?: string;
  side?: string;
  kind?: string[];
  domain?: string[];
  district?: string[];
  sort?: 'relevance' | 'newest' | 'amount';
  /** Bounds on `amount.max`, in yuan. */
  amountMin?: number;
  amountMax?: number;
  page?: number;
  pageSize?: number;
}

export function searchListings(
  params: SearchParams,
  signal?: AbortSignal,
  client: HttpClient = api,
): Promise<SearchResult> {
  return client.get('/api/search', {
    query: { ...params, q: params.q?.trim() || undefined } as Query,
    schema: searchResultSchema,
    signal,
  });
}
