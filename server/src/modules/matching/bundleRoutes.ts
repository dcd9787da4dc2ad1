import type { Router } from 'express';
import {
  bundleEnvelopeSchema,
  bundlesQuerySchema,
  bundlesSchema,
  eligibilityQuerySchema,
  eligibilityViewSchema,
  listingIdParamsSchema,
  proposeBundleBodySchema,
  type Role,
} from '@app/shared';
import type { AppContext } from '../../context.js';
import { forbidden, validationFailed } from '../../lib/errors.js';
import { mountRoute } from '../../lib/http/route.js';
import { localeOf } from '../../lib/http/locale.js';
import { currentUser, requireUser } from '../auth/authenticate.js';
import { listingPolicy } from '../listings/policy.js';
import { presentListings } from '../listings/presenter.js';
import { findReadableListing } from '../listings/service.js';
import { bundlesFor } from './bundles.js';
import { stillLacking } from './commitment.js';
import { matchOrganizations } from './context.js';
import { eligibilityView } from './eligibility.js';
import { presentMatch } from './presenter.js';
import type { recommendationService } from './recommendations.js';
import type { matchService } from './service.js';

/** How many ranked offers bundles are built from. */
const BUNDLE_CANDIDATES = 40;

/** Bundles of offers for a need, proposing a bundle in one step, and an offer's rules as the caller meets them. */
export function bundleRoutes(
  router: Router,
  _ctx: AppContext,
  deps: {
    matches: ReturnType<typeof matchService>;
    recommendations: ReturnType<typeof recommendationService>;
    sides: readonly Role[];
  },
): void {
  const tag = 'matching';

  mountRoute(
    router,
    {
      method: 'get',
      path: '/listings/:id/bundles',
      summary:
        'For a need no single offer covers: sets of two or more open, eligible offers that together cover ' +
        'what it still lacks, with the combined explanation (the need’s owner)',
      tag,
      access: 'user',
      params: listingIdParamsSchema,
      query: bundlesQuerySchema,
      response: bundlesSchema,
    },
    [requireUser()],
    async ({ req, params, query }) => {
      const user = currentUser(req);
      const record = await findReadableListing(user, params.id);
      if (!listingPolicy.canEdit(user, record)) throw forbidden('match.bundlesForOwner');
      if (record.side !== 'need') throw validationFailed('match.bundlesForNeeds');
      if (record.status !== 'open') return { bundles: [] };
      const [need] = await presentListings([record]);
      const locale = localeOf(req, query.locale);
      const candidates = await deps.recommendations.candidates(need!);
      const ranking = await deps.recommendations.rank(need!, candidates, {
        limit: BUNDLE_CANDIDATES,
        locale,
      });
      const lack = stillLacking(record);
      const bundles = bundlesFor(
        need!,
        lack.amount !== undefined ? { amount: lack.amount } : { units: lack.units ?? 0 },
        ranking.matches,
        { limit: query.limit, locale },
      );
      return { bundles };
    },
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/matches/bundle',
      summary: 'Propose a bundle: one match per offer for one need, all or none (the need’s owner)',
      tag,
      access: [...deps.sides],
      body: proposeBundleBodySchema,
      response: bundleEnvelopeSchema,
      status: 201,
    },
    [requireUser(deps.sides)],
    async ({ req, body }) => {
      const user = currentUser(req);
      const made = await deps.matches.proposeBundle(
        user,
        body.needId,
        body.offerIds,
        body.note,
        localeOf(req),
      );
      return { matches: made.map((m) => presentMatch(m, user)) };
    },
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/listings/:id/eligibility',
      summary:
        'An offer’s eligibility rules and, for the caller (by their organization, and the district of `needId` ' +
        'when given), which of them they meet',
      tag,
      access: 'public',
      params: listingIdParamsSchema,
      query: eligibilityQuerySchema,
      response: eligibilityViewSchema,
    },
    [],
    async ({ req, params, query }) => {
      const [offer] = await presentListings([await findReadableListing(req.user, params.id)]);
      const locale = localeOf(req, query.locale);
      if (offer!.side !== 'offer') return { rules: [] };
      const user = req.user;
      if (!user) return eligibilityView(offer!, undefined, locale);
      const orgs = await matchOrganizations([user.organizationId ? String(user.organizationId) : undefined]);
      const organization = user.organizationId ? orgs.get(String(user.organizationId)) : undefined;
      let district = organization?.district;
      if (query.needId) {
        const need = await findReadableListing(user, query.needId);
        if (!listingPolicy.canEdit(user, need) || need.side !== 'need')
          throw forbidden('match.eligibilityByOwnNeed');
        district = need.district;
      }
      return eligibilityView(offer!, { organization, district }, locale);
    },
  );
}
