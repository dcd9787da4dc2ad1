import { Router } from 'express';
import {
  acceptMatchBodySchema,
  completeMatchBodySchema,
  contactSchema,
  coverageSchema,
  declineMatchBodySchema,
  evidenceFileParamsSchema,
  evidenceUploadFieldsSchema,
  MAX_EVIDENCE_FILES,
  MAX_UPLOAD_BYTES,
  listingIdParamsSchema,
  matchEnvelopeSchema,
  matchIdParamsSchema,
  matchListQuerySchema,
  matchSchema,
  pageOf,
  proposeMatchBodySchema,
  recommendationsQuerySchema,
  recommendationsSchema,
  reviewMatchBodySchema,
} from '@app/shared';
import { mountRoute } from '../../lib/http/route.js';
import { sendStoredFile, singleFileUpload } from '../../lib/http/files.js';
import { parseInput } from '../../lib/http/validate.js';
import { localeOf } from '../../lib/http/locale.js';
import type { AppContext } from '../../context.js';
import { currentUser, requireUser } from '../auth/authenticate.js';
import { perAddressLimit } from '../auth/rateLimits.js';
import { presentListings } from '../listings/presenter.js';
import { findReadableListing } from '../listings/service.js';
import { contactService } from './contact.js';
import { matchEvidence } from './evidence.js';
import { listingCoverage } from './coverage.js';
import { bundleRoutes } from './bundleRoutes.js';
import { MatchModel, type MatchRecord } from './model.js';
import { presentMatch } from './presenter.js';
import { recommendationService } from './recommendations.js';
import { matchService } from './service.js';
import { findMatchForReader } from './baseQueue.js';
import { findPage } from '../../lib/pagination.js';

export function matchingRoutes(ctx: AppContext): Router {
  const router = Router();
  const matches = matchService(ctx);
  const contacts = contactService(ctx);
  const evidence = matchEvidence(ctx);
  const recommendations = recommendationService(ctx);
  const tag = 'matching';
  const params = matchIdParamsSchema;
  const envelope = matchEnvelopeSchema;
  const sides = ['resident', 'organization', 'funder', 'operator'] as const;

  mountRoute(
    router,
    {
      method: 'get',
      path: '/listings/:id/matches',
      summary: 'The best listings of the other side, each score explained; near misses with the rule',
      tag,
      access: 'public',
      params: listingIdParamsSchema,
      query: recommendationsQuerySchema,
      response: recommendationsSchema,
    },
    ctx.config.SEARCH_RATE_LIMIT ? [perAddressLimit(ctx.config.SEARCH_RATE_LIMIT, 60_000)] : [],
    async ({ req, params, query }) => {
      const record = await findReadableListing(req.user, params.id);
      const [subject] = await presentListings([record]);
      return recommendations.recommend(subject!, { limit: query.limit, locale: localeOf(req, query.locale) });
    },
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/listings/:id/coverage',
      summary:
        'What covers a listing and what is still open: for a need the amount committed toward what it asks and ' +
        'the capacity taken; for an offer what it has awarded and how many awards or units are taken',
      tag,
      access: 'public',
      params: listingIdParamsSchema,
      response: coverageSchema,
    },
    [],
    async ({ req, params }) => {
      return listingCoverage(await findReadableListing(req.user, params.id));
    },
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/matches',
      summary: 'Propose a match between a need and an offer (either owner)',
      tag,
      access: [...sides],
      body: proposeMatchBodySchema,
      response: envelope,
      status: 201,
    },
    [requireUser(sides)],
    async ({ req, body }) => {
      const user = currentUser(req);
      const m = await matches.propose(user, body.needId, body.offerId, body.note, localeOf(req));
      return { match: presentMatch(m, user) };
    },
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/matches',
      summary: "The caller's matches",
      tag,
      access: 'user',
      query: matchListQuerySchema,
      response: pageOf(matchSchema),
    },
    [requireUser()],
    async ({ req, query }) => {
      const user = currentUser(req);
      const mine = [
        { needOwnerId: user._id },
        { offerOwnerId: user._id },
        ...(user.organizationId
          ? [{ needOrgId: user.organizationId }, { offerOrgId: user.organizationId }]
          : []),
      ];
      const filter = { $or: mine, ...(query.status ? { status: query.status } : {}) };
      return findPage(MatchModel, filter, { updatedAt: -1, _id: -1 }, query, (records: MatchRecord[]) =>
        records.map((m) => presentMatch(m, user)),
      );
    },
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/matches/:id',
      summary: 'One match: its two sides, and the base staff who follow it once it is overdue',
      tag,
      access: 'user',
      params,
      response: envelope,
    },
    [requireUser()],
    async ({ req, params }) => ({
      match: presentMatch(await findMatchForReader(req.user, params.id), req.user),
    }),
  );

  const step = (
    path: string,
    summary: string,
    body:
      | typeof acceptMatchBodySchema
      | typeof declineMatchBodySchema
      | typeof completeMatchBodySchema
      | typeof reviewMatchBodySchema
      | undefined,
    run: (user: ReturnType<typeof currentUser>, id: string, body: never) => Promise<MatchRecord>,
  ) =>
    mountRoute(
      router,
      {
        method: 'post',
        path: `/matches/:id/${path}`,
        summary,
        tag,
        access: 'user',
        params,
        ...(body ? { body } : {}),
        response: envelope,
      },
      [requireUser()],
      async ({ req, params, body: input }) => {
        const user = currentUser(req);
        return { match: presentMatch(await run(user, params.id, input as never), user) };
      },
    );
  step(
    'accept',
    'Accept a proposed match (the side that received it); a funding match may name the `amount` committed ' +
      '(default: the smaller of the offer’s amount.max and what the need still lacks). Over-committing is a 409',
    acceptMatchBodySchema,
    (user, id, body: { amount?: number }) => matches.accept(user, id, body?.amount),
  );
  step(
    'decline',
    'Decline a proposed match, optionally saying why',
    declineMatchBodySchema,
    (user, id, body: { reason?: string }) => matches.decline(user, id, body.reason),
  );
  step(
    'complete',
    'Close an accepted match with evidence of what was delivered; photos and documents are attached before ' +
      '(POST /matches/:id/evidence-files) and stay with the match',
    completeMatchBodySchema,
    (user, id, body: { evidence: { summary: string; amount?: number; deliveredAt?: string } }) =>
      matches.complete(user, id, body.evidence),
  );
  step(
    'review',
    'Review the other side of a completed match (once per side)',
    reviewMatchBodySchema,
    (user, id, body: { rating: number; comment?: string }) =>
      matches.review(user, id, body.rating, body.comment),
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/matches/:id/evidence-files',
      summary:
        'Attach a photo or document as evidence of what was delivered: one file per call, multipart field `file` ' +
        `(JPEG, PNG, WebP or PDF judged by content, 5 MB, at most ${MAX_EVIDENCE_FILES} per match). Either side, while ` +
        'the match is accepted, or completed and not yet reviewed. Attach, then complete: the answer is the match ' +
        'with its `evidenceFiles`',
      tag,
      access: 'user',
      params,
      upload: { field: 'file', maxBytes: MAX_UPLOAD_BYTES },
      response: envelope,
      status: 201,
    },
    [requireUser(), singleFileUpload('file', MAX_UPLOAD_BYTES)],
    async ({ req, params }) => {
      parseInput(evidenceUploadFieldsSchema, { ...req.body }, 'form fields');
      const user = currentUser(req);
      return { match: presentMatch(await evidence.attach(user, params.id, req.file), user) };
    },
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/matches/:id/evidence-files/:fileId',
      summary: 'Download an evidence file (the two sides only), as an attachment',
      tag,
      access: 'user',
      params: evidenceFileParamsSchema,
    },
    [requireUser()],
    async ({ req, res, params }) =>
      sendStoredFile(res, await evidence.open(req.user, params.id, params.fileId)),
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/matches/:id/contact',
      summary: "The other side's contact details, once accepted; every call is logged",
      tag,
      access: 'user',
      params,
      response: contactSchema,
    },
    [requireUser()],
    async ({ req, params }) => contacts.reveal(currentUser(req), params.id, req.ip),
  );
  bundleRoutes(router, ctx, { matches, recommendations, sides });
  return router;
}
