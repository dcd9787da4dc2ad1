import type { z } from 'zod';
import {
  organizationEnvelopeSchema,
  organizationSchema,
  pageOf,
  type CreateOrganizationBody,
  type Organization,
  type organizationListQuerySchema,
  type UpdateOrganizationBody,
  type verifyOrganizationBodySchema,
} from '@app/shared';
import { api, type HttpClient } from './http.js';

export type OrganizationListQuery = Partial<z.infer<typeof organizationListQuerySchema>>;
export type VerificationDecision = z.input<typeof verifyOrganizationBodySchema>;

/** A page of organizations; staff may filter by verification within the organizations they look after. */
export function fetchOrganizations(query: OrganizationListQuery = {}, client: HttpClient = api) {
  return client.get('/api/organizations', { query, schema: pageOf(organizationSchema) });
}

export async function createOrganization(
  body: CreateOrganizationBody,
  client: HttpClient = api,
): Promise<Organization> {
  return (await client.post('/api/organizations', body, { schema: organizationEnvelopeSchema })).organization;
}

export async function fetchOrganization(id: string, client: HttpClient = api): Promise<Organization> {
  return (await client.get(`/api/organizations/${id}`, { schema: organizationEnvelopeSchema })).organization;
}

export async function updateOrganization(
  id: string,
  body: UpdateOrganizationBody,
  client: HttpClient = api,
): Promise<Organization> {
  return (await client.patch(`/api/organizations/${id}`, body, { schema: organizationEnvelopeSchema }))
    .organization;
}

/** Verifies or rejects an organization (its base's operators and the bureau); a rejection needs a reason. */
export async function decideVerification(
  id: string,
  body: VerificationDecision,
  client: HttpClient = api,
): Promise<Organization> {
  return (
    await client.post(`/api/organizations/${id}/verification`, body, { schema: organizationEnvelopeSchema })
  ).organization;
}

/** Attaches a registration document (JPEG, PNG, WebP or PDF up to 5 MB). */
export async function uploadOrganizationDocument(
  id: string,
  file: File,
  client: HttpClient = api,
): Promise<Organization> {
  const form = new FormData();
  form.append('kind', 'registration-certificate');
  form.append('file', file);
  return (
    await client.post(`/api/organizations/${id}/documents`, form, { schema: organizationEnvelopeSchema })
  ).organization;
}

/** Where a member downloads one of the organization's documents. */
export const organizationDocumentUrl = (orgId: string, documentId: string) =>
  `/api/organizations/${orgId}/documents/${documentId}`;
