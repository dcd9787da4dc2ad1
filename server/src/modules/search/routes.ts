import { Router } from 'express';
import { searchQuerySchema, searchResultSchema } from '@app/shared';
import { mountRoute } from '../../lib/http/route.js';
import type { AppContext } from '../../context.js';
import { perAddressLimit } from '../auth/rateLimits.js';
import { listingsOfHits } from '../listings/hitListings.js';
import { hitsToRead, SEARCH_FACETS, searchAnswer } from './presenter.js';

/** `GET /api/search`: open listings by words, side, kind, domain and place, with facet counts. */
export function searchRoutes(ctx: AppContext): Router {
  const router = Router();
  mountRoute(
    router,
    {
      method: 'get',
      path: '/search',
      summary:
        'Search open needs and offers; amountMin/amountMax keep listings whose amount.max lies between them',
      tag: 'search',
      access: 'public',
      query: searchQuerySchema,
      response: searchResultSchema,
    },
    ctx.config.SEARCH_RATE_LIMIT ? [perAddressLimit(ctx.config.SEARCH_RATE_LIMIT, 60_000)] : [],
    async ({ query }) => {
      const result = await ctx.search.search({
        q: query.q,
        filters: {
          status: ['open'],
          ...(query.side ? { side: query.side } : {}),
          ...(query.kind ? { kind: query.kind } : {}),
          ...(query.subkind ? { subkind: query.subkind } : {}),
          ...(query.domain ? { domain: query.domain } : {}),
          ...(query.district ? { district: query.district } : {}),
          ...(query.street ? { street: query.street } : {}),
          ...(query.amountMin !== undefined || query.amountMax !== undefined
            ? {
                amount: {
                  ...(query.amountMin !== undefined ? { min: query.amountMin } : {}),
                  ...(query.amountMax !== undefined ? { max: query.amountMax } : {}),
                },
              }
            : {}),
        },
        facets: SEARCH_FACETS,
        sort: query.sort,
        page: query.page,
        pageSize: query.pageSize,
      });
      return searchAnswer(result, await listingsOfHits(hitsToRead(result)));
    },
  );
  return router;
}
