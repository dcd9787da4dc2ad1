import { Router } from 'express';
import { z } from 'zod';
import {
  createOrganizationBodySchema,
  documentParamsSchema,
  documentUploadFieldsSchema,
  invitationSchema,
  joinOrganizationBodySchema,
  organizationEnvelopeSchema,
  organizationIdParamsSchema,
  organizationListQuerySchema,
  organizationSchema,
  pageOf,
  updateOrganizationBodySchema,
  userSchema,
  verifyOrganizationBodySchema,
} from '@app/shared';
import { mountRoute } from '../../lib/http/route.js';
import { parseInput } from '../../lib/http/validate.js';
import { sendStoredFile, singleFileUpload } from '../../lib/http/files.js';
import type { AppContext } from '../../context.js';
import { currentUser, requireUser } from '../auth/authenticate.js';
import { baseRunBy } from '../bases/runBy.js';
import { presentPublicUser } from '../users/presenter.js';
import { MAX_DOCUMENT_BYTES, organizationDocuments } from './documents.js';
import { OrganizationModel, type OrganizationRecord } from './model.js';
import { organizationPolicy as policy } from './policy.js';
import { presentOrganization } from './presenter.js';
import { findOrganization, organizationService } from './service.js';
import { findPage } from '../../lib/pagination.js';

export function organizationRoutes(ctx: AppContext): Router {
  const router = Router();
  const orgs = organizationService(ctx);
  const documents = organizationDocuments(ctx);
  const tag = 'organizations';
  const params = organizationIdParamsSchema;
  const envelope = organizationEnvelopeSchema;

  mountRoute(
    router,
    {
      method: 'post',
      path: '/organizations',
      summary: 'Create an organization; the caller becomes its member',
      tag,
      access: ['organization', 'funder'],
      body: createOrganizationBodySchema,
      response: envelope,
      status: 201,
    },
    [requireUser(['organization', 'funder'])],
    async ({ req, body }) => ({
      organization: presentOrganization(await orgs.create(currentUser(req), body, req.ip), true),
    }),
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/organizations',
      summary:
        'List organizations (staff may filter by verification, within the organizations they look after)',
      tag,
      access: 'public',
      query: organizationListQuerySchema,
      response: pageOf(organizationSchema),
    },
    [],
    async ({ req, query }) => {
      // Verified organizations are public; the others only within the caller's review scope (policy.ts).
      const scope = policy.reviewScope(req.user, await baseRunBy(req.user));
      const verified = { 'verification.status': 'verified' };
      const visible =
        !scope || query.verification === 'verified'
          ? verified
          : query.verification
            ? { 'verification.status': query.verification, ...scope }
            : { $or: [verified, scope] };
      const filter: Record<string, unknown> = {
        ...visible,
        ...(query.domain ? { domains: query.domain } : {}),
        ...(query.district ? { district: query.district } : {}),
        ...(query.type ? { type: query.type } : {}),
      };
      return findPage(OrganizationModel, filter, { _id: -1 }, query, (records: OrganizationRecord[]) =>
        records.map((o) => presentOrganization(o, false)),
      );
    },
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/organizations/:id',
      summary: "One organization; contact details to its members and its base's staff only",
      tag,
      access: 'public',
      params,
      response: envelope,
    },
    [],
    async ({ req, params }) => {
      const org = await findOrganization(params.id);
      const withPrivate = policy.canSeePrivate(req.user, await baseRunBy(req.user), org);
      return { organization: presentOrganization(org, withPrivate) };
    },
  );

  mountRoute(
    router,
    {
      method: 'patch',
      path: '/organizations/:id',
      summary:
        'Edit an organization (members only); a changed name, credit code or grade sends it back to verification',
      tag,
      access: 'user',
      params,
      body: updateOrganizationBodySchema,
      response: envelope,
    },
    [requireUser()],
    async ({ req, params, body }) => ({
      organization: presentOrganization(await orgs.update(req.user, params.id, body, req.ip), true),
    }),
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/organizations/:id/verification',
      summary: 'Verify or reject an organization',
      tag,
      access: ['operator', 'bureau'],
      params,
      body: verifyOrganizationBodySchema,
      response: envelope,
    },
    [requireUser(['operator', 'bureau'])],
    async ({ req, params, body }) => ({
      organization: presentOrganization(
        await orgs.decideVerification(currentUser(req), params.id, body.decision, body.reason, req.ip),
        true,
      ),
    }),
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/organizations/:id/documents',
      summary: 'Attach a registration document (JPEG, PNG, WebP or PDF, 5 MB)',
      tag,
      access: 'user',
      params,
      upload: { field: 'file', maxBytes: MAX_DOCUMENT_BYTES },
      response: envelope,
      status: 201,
    },
    [requireUser(), singleFileUpload('file', MAX_DOCUMENT_BYTES)],
    async ({ req, params }) => {
      const fields = parseInput(documentUploadFieldsSchema, { ...req.body }, 'form fields');
      return {
        organization: presentOrganization(
          await documents.add(currentUser(req), params.id, req.file, fields.kind),
          true,
        ),
      };
    },
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/organizations/:id/documents/:documentId',
      summary: "Download a document (members and the organization's base staff)",
      tag,
      access: 'user',
      params: documentParamsSchema,
    },
    [requireUser()],
    async ({ req, res, params }) => {
      await sendStoredFile(res, await documents.open(req.user, params.id, params.documentId));
    },
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/organizations/:id/invitations',
      summary: 'A one-time code for a colleague to join',
      tag,
      access: 'user',
      params,
      response: invitationSchema,
      status: 201,
    },
    [requireUser()],
    async ({ req, params }) => orgs.createInvitation(currentUser(req), params.id),
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/organizations/join',
      summary: 'Join an organization with an invitation code',
      tag,
      access: ['organization', 'funder'],
      body: joinOrganizationBodySchema,
      response: envelope,
    },
    [requireUser(['organization', 'funder'])],
    async ({ req, body }) => ({
      organization: presentOrganization(await orgs.join(currentUser(req), body.code, req.ip), true),
    }),
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/organizations/:id/members',
      summary: "Members of an organization (members and the organization's base staff)",
      tag,
      access: 'user',
      params,
      response: z.object({ items: z.array(userSchema) }),
    },
    [requireUser()],
    async ({ req, params }) => ({ items: (await orgs.members(req.user, params.id)).map(presentPublicUser) }),
  );
  return router;
}
