import { Router } from 'express';
import {
  createListingBodySchema,
  listingEnvelopeSchema,
  listingIdParamsSchema,
  listingSchema,
  myListingsQuerySchema,
  pageOf,
  updateListingBodySchema,
} from '@app/shared';
import { mountRoute } from '../../lib/http/route.js';
import type { AppContext } from '../../context.js';
import { currentUser, requireUser } from '../auth/authenticate.js';
import { ListingModel, type ListingRecord } from './model.js';
import { presentListings } from './presenter.js';
import { findReadableListing, listingService } from './service.js';
import { findPage } from '../../lib/pagination.js';

export function listingRoutes(ctx: AppContext): Router {
  const router = Router();
  const listings = listingService(ctx);
  const tag = 'listings';
  const one = async (l: ListingRecord) => ({ listing: (await presentListings([l]))[0]! });

  mountRoute(
    router,
    {
      method: 'post',
      path: '/listings',
      summary: 'Post a need or an offer',
      tag,
      access: ['resident', 'organization', 'funder', 'operator'],
      body: createListingBodySchema,
      response: listingEnvelopeSchema,
      status: 201,
    },
    [requireUser(['resident', 'organization', 'funder', 'operator'])],
    async ({ req, body }) => one(await listings.create(currentUser(req), body)),
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/listings/mine',
      summary: "The caller's listings (and their organization's)",
      tag,
      access: 'user',
      query: myListingsQuerySchema,
      response: pageOf(listingSchema),
    },
    [requireUser()],
    async ({ req, query }) => {
      const user = currentUser(req);
      const filter = {
        ...(user.organizationId
          ? { $or: [{ ownerId: user._id }, { organizationId: user.organizationId }] }
          : { ownerId: user._id }),
        ...(query.status ? { status: query.status } : {}),
        ...(query.side ? { side: query.side } : {}),
      };
      return findPage(ListingModel, filter, { createdAt: -1, _id: -1 }, query, presentListings);
    },
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/listings/:id',
      summary: 'One listing',
      tag,
      access: 'public',
      params: listingIdParamsSchema,
      response: listingEnvelopeSchema,
    },
    [],
    async ({ req, params }) => {
      return one(await findReadableListing(req.user, params.id));
    },
  );

  mountRoute(
    router,
    {
      method: 'patch',
      path: '/listings/:id',
      summary: 'Edit an open listing (owner only)',
      tag,
      access: 'user',
      params: listingIdParamsSchema,
      body: updateListingBodySchema,
      response: listingEnvelopeSchema,
    },
    [requireUser()],
    async ({ req, params, body }) => one(await listings.update(currentUser(req), params.id, body)),
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/listings/:id/close',
      summary: 'Close a listing (owner only)',
      tag,
      access: 'user',
      params: listingIdParamsSchema,
      response: listingEnvelopeSchema,
    },
    [requireUser()],
    async ({ req, params }) => one(await listings.close(currentUser(req), params.id)),
  );
  return router;
}
