import {
  savedSearchEnvelopeSchema,
  savedSearchListSchema,
  type CreateSavedSearchBody,
  type SavedSearch,
} from '@app/shared';
import { api, type HttpClient } from './http.js';

export async function fetchSavedSearches(client: HttpClient = api): Promise<SavedSearch[]> {
  return (await client.get('/api/saved-searches', { schema: savedSearchListSchema })).items;
}

export async function createSavedSearch(body: CreateSavedSearchBody, client: HttpClient = api) {
  return (await client.post('/api/saved-searches', body, { schema: savedSearchEnvelopeSchema })).savedSearch;
}

export async function deleteSavedSearch(id: string, client: HttpClient = api): Promise<void> {
  await client.delete(`/api/saved-searches/${id}`);
}
