import { z } from 'zod';
import {
  bundleEnvelopeSchema,
  bundlesSchema,
  contactSchema,
  eligibilityViewSchema,
  coverageSchema,
  matchEnvelopeSchema,
  matchSchema,
  pageOf,
  recommendationsSchema,
  type Locale,
  type Match,
  type MatchStatus,
} from '@app/shared';
import { api, type HttpClient } from './http.js';

export type Coverage = z.infer<typeof coverageSchema>;
export type Contact = z.infer<typeof contactSchema>;

/** The best listings on the other side, each score explained, and the near misses with their rule. */
export function fetchRecommendations(listingId: string, locale: Locale, client: HttpClient = api) {
  return client.get(`/api/listings/${listingId}/matches`, {
    query: { limit: 10, locale },
    schema: recommendationsSchema,
  });
}

export function fetchCoverage(needId: string, client: HttpClient = api): Promise<Coverage> {
  return client.get(`/api/listings/${needId}/coverage`, { schema: coverageSchema });
}

export function fetchMatches(
  query: { status?: MatchStatus; page?: number; pageSize?: number } = {},
  client: HttpClient = api,
) {
  return client.get('/api/matches', { query, schema: pageOf(matchSchema) });
}

const one = async (p: Promise<{ match: Match }>) => (await p).match;

export const fetchMatch = (id: string, client: HttpClient = api) =>
  one(client.get(`/api/matches/${id}`, { schema: matchEnvelopeSchema }));

export const proposeMatch = (
  body: { needId: string; offerId: string; note?: string },
  client: HttpClient = api,
) => one(client.post('/api/matches', body, { schema: matchEnvelopeSchema }));

/** Accepts a proposal; a funding match may name the sum committed (the API defaults it otherwise). */
export const acceptMatch = (id: string, amount?: number, client: HttpClient = api) =>
  one(
    client.post(`/api/matches/${id}/accept`, amount !== undefined ? { amount } : {}, {
      schema: matchEnvelopeSchema,
    }),
  );

/** Sets of offers that together cover what no single one does (the need's owner). */
export const fetchBundles = (needId: string, locale: Locale, client: HttpClient = api) =>
  client.get(`/api/listings/${needId}/bundles`, { query: { limit: 3, locale }, schema: bundlesSchema });

/** Proposes one match per offer of a bundle, all or none. */
export const proposeBundle = (
  body: { needId: string; offerIds: string[]; note?: string },
  client: HttpClient = api,
) => client.post('/api/matches/bundle', body, { schema: bundleEnvelopeSchema });

/** An offer's eligibility rules and which of them the caller meets. */
export const fetchEligibility = (
  offerId: string,
  locale: Locale,
  needId?: string,
  client: HttpClient = api,
) =>
  client.get(`/api/listings/${offerId}/eligibility`, {
    query: { locale, ...(needId ? { needId } : {}) },
    schema: eligibilityViewSchema,
  });

export const declineMatch = (id: string, reason: string | undefined, client: HttpClient = api) =>
  one(client.post(`/api/matches/${id}/decline`, reason ? { reason } : {}, { schema: matchEnvelopeSchema }));

export const completeMatch = (
  id: string,
  evidence: { summary: string; amount?: number },
  client: HttpClient = api,
) => one(client.post(`/api/matches/${id}/complete`, { evidence }, { schema: matchEnvelopeSchema }));

export const reviewMatch = (
  id: string,
  review: { rating: number; comment?: string },
  client: HttpClient = api,
) => one(client.post(`/api/matches/${id}/review`, review, { schema: matchEnvelopeSchema }));

/** The other side's contact details; the API logs every call and answers 403 before the match is accepted. */
export const fetchContact = (id: string, client: HttpClient = api): Promise<Contact> =>
  client.get(`/api/matches/${id}/contact`, { schema: contactSchema });

/** Attaches one photo or document (JPEG, PNG, WebP or PDF up to 5 MB) as evidence; answers the updated match. */
export const uploadEvidenceFile = (id: string, file: File, client: HttpClient = api) => {
  const form = new FormData();
  form.append('file', file);
  return one(client.post(`/api/matches/${id}/evidence-files`, form, { schema: matchEnvelopeSchema }));
};

/** Where a side downloads one of the match's evidence files (same-origin, by the session cookie). */
export const evidenceFileUrl = (matchId: string, fileId: string) =>
  `/api/matches/${matchId}/evidence-files/${fileId}`;
