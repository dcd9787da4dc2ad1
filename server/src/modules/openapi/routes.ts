import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { buildOpenApiDocument } from './document.js';

export function openapiRoutes(ctx: AppContext): Router {
  const router = Router();
  // Not registered as a route of its own: the document describes the API, not itself.
  router.get('/openapi.json', (_req, res) => {
    res.json(buildOpenApiDocument(ctx.version));
  });
  return router;
}
