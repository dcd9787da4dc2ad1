import type { z } from 'zod';
import {
  applicationEnvelopeSchema,
  applicationSchema,
  baseEnvelopeSchema,
  baseSchema,
  matchEnvelopeSchema,
  matchSchema,
  pageOf,
  residencyEnvelopeSchema,
  residencySchema,
  reviewEnvelopeSchema,
  reviewListSchema,
  staffListSchema,
  userEnvelopeSchema,
  type ApplicationStatus,
  type ApplyBody,
  type CreateBaseBody,
  type DecideApplicationBody,
  type FormPanelBody,
  type ResidencyStatus,
  type UpdateBaseBody,
  type createStaffBodySchema,
  type submitReviewBodySchema,
} from '@app/shared';
import { api, type HttpClient } from './http.js';

/** Bases, entry applications and their review, residencies and a base's overdue matches. */

export function fetchBases(
  query: { district?: string; level?: string; page?: number; pageSize?: number } = {},
  client: HttpClient = api,
) {
  return client.get('/api/bases', { query, schema: pageOf(baseSchema) });
}
export async function fetchBase(id: string, client: HttpClient = api) {
  return (await client.get(`/api/bases/${id}`, { schema: baseEnvelopeSchema })).base;
}
export async function createBase(body: CreateBaseBody, client: HttpClient = api) {
  return (await client.post('/api/bases', body, { schema: baseEnvelopeSchema })).base;
}
export async function updateBase(id: string, body: UpdateBaseBody, client: HttpClient = api) {
  return (await client.patch(`/api/bases/${id}`, body, { schema: baseEnvelopeSchema })).base;
}
export async function createStaffAccount(
  body: z.input<typeof createStaffBodySchema>,
  client: HttpClient = api,
) {
  return (await client.post('/api/admin/users', body, { schema: userEnvelopeSchema })).user;
}
export async function fetchStaff(
  query: { role?: 'operator' | 'bureau'; baseId?: string } = {},
  client: HttpClient = api,
) {
  return (await client.get('/api/staff', { query, schema: staffListSchema })).items;
}

export function fetchResidents(
  baseId: string,
  query: { status?: ResidencyStatus; page?: number; pageSize?: number } = {},
  client: HttpClient = api,
) {
  return client.get(`/api/bases/${baseId}/residents`, { query, schema: pageOf(residencySchema) });
}
export async function endResidency(
  id: string,
  to: 'graduate' | 'exit',
  reason: string,
  client: HttpClient = api,
) {
  return (await client.post(`/api/residencies/${id}/${to}`, { reason }, { schema: residencyEnvelopeSchema }))
    .residency;
}

export async function applyToBase(baseId: string, body: ApplyBody, client: HttpClient = api) {
  return (await client.post(`/api/bases/${baseId}/applications`, body, { schema: applicationEnvelopeSchema }))
    .application;
}
export function fetchBaseApplications(
  baseId: string,
  query: { status?: ApplicationStatus; page?: number; pageSize?: number } = {},
  client: HttpClient = api,
) {
  return client.get(`/api/bases/${baseId}/applications`, { query, schema: pageOf(applicationSchema) });
}
export function fetchMyApplications(client: HttpClient = api) {
  return client.get('/api/applications/mine', { query: { pageSize: 50 }, schema: pageOf(applicationSchema) });
}
export function fetchPendingReviews(client: HttpClient = api) {
  return client.get('/api/applications/pending-reviews', {
    query: { pageSize: 50 },
    schema: pageOf(applicationSchema),
  });
}
export async function fetchApplication(id: string, client: HttpClient = api) {
  return (await client.get(`/api/applications/${id}`, { schema: applicationEnvelopeSchema })).application;
}
export async function formPanel(id: string, body: FormPanelBody, client: HttpClient = api) {
  return (await client.post(`/api/applications/${id}/panel`, body, { schema: applicationEnvelopeSchema }))
    .application;
}
export async function submitReview(
  id: string,
  body: z.input<typeof submitReviewBodySchema>,
  client: HttpClient = api,
) {
  return (await client.post(`/api/applications/${id}/reviews`, body, { schema: reviewEnvelopeSchema }))
    .review;
}
export async function fetchReviews(id: string, client: HttpClient = api) {
  return (await client.get(`/api/applications/${id}/reviews`, { schema: reviewListSchema })).items;
}
export async function decideApplication(id: string, body: DecideApplicationBody, client: HttpClient = api) {
  return (await client.post(`/api/applications/${id}/decision`, body, { schema: applicationEnvelopeSchema }))
    .application;
}
export async function withdrawApplication(id: string, client: HttpClient = api) {
  return (await client.post(`/api/applications/${id}/withdraw`, {}, { schema: applicationEnvelopeSchema }))
    .application;
}

export function fetchOverdueMatches(baseId: string, client: HttpClient = api) {
  return client.get(`/api/bases/${baseId}/overdue-matches`, {
    query: { pageSize: 50 },
    schema: pageOf(matchSchema),
  });
}
export async function remindMatch(id: string, note: string | undefined, client: HttpClient = api) {
  return (
    await client.post(`/api/matches/${id}/remind`, note ? { note } : {}, { schema: matchEnvelopeSchema })
  ).match;
}
