import { Router } from 'express';
import {
  createSavedSearchBodySchema,
  savedSearchEnvelopeSchema,
  savedSearchIdParamsSchema,
  savedSearchListSchema,
} from '@app/shared';
import { mountRoute } from '../../lib/http/route.js';
import type { AppContext } from '../../context.js';
import { currentUser, requireUser } from '../auth/authenticate.js';
import { presentSavedSearch } from './presenter.js';
import { savedSearchService } from './service.js';

/** Searches a user saves to be told when a new listing answers them. */
export function savedSearchRoutes(ctx: AppContext): Router {
  const router = Router();
  const searches = savedSearchService(ctx);
  const tag = 'savedSearches';

  mountRoute(
    router,
    {
      method: 'post',
      path: '/saved-searches',
      summary: 'Save a search (words and filters) to be notified of new listings that answer it',
      tag,
      access: 'user',
      body: createSavedSearchBodySchema,
      response: savedSearchEnvelopeSchema,
      status: 201,
    },
    [requireUser()],
    async ({ req, body }) => ({
      savedSearch: presentSavedSearch(await searches.create(currentUser(req), body)),
    }),
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/saved-searches',
      summary: 'My saved searches',
      tag,
      access: 'user',
      response: savedSearchListSchema,
    },
    [requireUser()],
    async ({ req }) => ({ items: (await searches.list(currentUser(req))).map(presentSavedSearch) }),
  );

  mountRoute(
    router,
    {
      method: 'delete',
      path: '/saved-searches/:id',
      summary: 'Delete a saved search',
      tag,
      access: 'user',
      params: savedSearchIdParamsSchema,
    },
    [requireUser()],
    ({ req, params }) => searches.remove(currentUser(req), params.id),
  );
  return router;
}
