import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import type { AppContext } from './context.js';
import { apiCors } from './lib/http/cors.js';
import { clientAssets } from './lib/http/clientAssets.js';
import { errorHandler, notFoundHandler } from './lib/http/errorHandler.js';
import { requestLog } from './lib/http/requestLog.js';
import { gateRouter } from './lib/http/routerGate.js';
import { healthRoutes } from './modules/health/routes.js';
import { openapiRoutes } from './modules/openapi/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { loadUser } from './modules/auth/authenticate.js';
import { requireCsrf } from './modules/auth/csrf.js';
import { sessionParts } from './modules/auth/session.js';
import { baseRoutes } from './modules/bases/routes.js';
import { conversationRoutes } from './modules/conversations/routes.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import { savedSearchRoutes } from './modules/savedSearches/routes.js';
import { organizationRoutes } from './modules/organizations/routes.js';
import { staffRoutes } from './modules/staff/routes.js';
import { listingRoutes } from './modules/listings/routes.js';
import { searchRoutes } from './modules/search/routes.js';
import { matchingRoutes } from './modules/matching/routes.js';
import { overdueRoutes } from './modules/matching/overdueRoutes.js';
import { admissionRoutes } from './modules/admissions/routes.js';
import { residencyRoutes } from './modules/residencies/routes.js';
import { statsRoutes } from './modules/stats/routes.js';
import { importRoutes } from './modules/imports/routes.js';
import { spaceRoutes } from './modules/spaces/routes.js';
import { baseEventRoutes } from './modules/baseEvents/routes.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_CLIENT_DIST = path.resolve(here, '../../client/dist');

/** A module contributes its routers here; the list is the API's table of contents. */
export type ModuleRoutes = (ctx: AppContext) => Router;

/**
 * Public routes that read no session (health, the API document, search): mounted before the session middleware, so
 * a call to them neither verifies a session cookie nor reads, hashes and touches a session (for an anonymous
 * search: makes one, hashes it and drops it). Search answers the same to everyone, signed in or not.
 */
const sessionlessModules: readonly ModuleRoutes[] = [healthRoutes, openapiRoutes, searchRoutes];
const busiestFirst = (mod: ModuleRoutes) => (mod === searchRoutes ? 0 : 1);

export const apiModules: ModuleRoutes[] = [
  ...sessionlessModules,
  authRoutes,
  staffRoutes,
  baseRoutes,
  admissionRoutes,
  residencyRoutes,
  spaceRoutes,
  baseEventRoutes,
  organizationRoutes,
  listingRoutes,
  searchRoutes,
  matchingRoutes,
  overdueRoutes,
  conversationRoutes,
  notificationRoutes,
  savedSearchRoutes,
  auditRoutes,
  statsRoutes,
  importRoutes,
];

/** Builds the Express app: middleware, every module's router under /api, the client, not-found and errors. */
export function createApp(ctx: AppContext, extraModules: ModuleRoutes[] = []): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.TRUST_PROXY ? 1 : false);
  app.set('query parser', 'extended');

  app.use(requestLog(ctx.logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'style-src': ["'self'", "'unsafe-inline'"],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          // Only when the site is served over https: on plain http (a LAN address, localhost) an upgrade would
          // break every asset. Being behind a proxy says nothing about the scheme browsers use.
          'upgrade-insecure-requests': ctx.config.PUBLIC_HTTPS ? [] : null,
        },
      },
      strictTransportSecurity: ctx.config.PUBLIC_HTTPS,
    }),
  );

  const api = express.Router();
  // First: a preflight is answered before any body, session or CSRF check.
  api.use(apiCors(ctx.config.CORS_ORIGINS));
  api.use(express.json({ limit: '256kb', strict: true }));
  // Made in the table's order (the API document's), mounted busiest first. Each module's router is entered only
  // by the requests its routes' first segments name (routerGate.ts): one that does not match costs a dispatch
  // and a test of each of its routes.
  const sessionless = sessionlessModules.map((mod) => ({ mod, router: mod(ctx) }));
  for (const { router } of [...sessionless].sort((a, b) => busiestFirst(a.mod) - busiestFirst(b.mod)))
    api.use(gateRouter(router));
  api.use(sessionParts(ctx).middleware, loadUser, requireCsrf);
  for (const mod of [...apiModules, ...extraModules]) {
    if (!sessionlessModules.includes(mod)) api.use(gateRouter(mod(ctx)));
  }
  api.use(notFoundHandler);
  api.use(errorHandler);
  app.use('/api', api);

  const dist = ctx.config.CLIENT_DIST ?? DEFAULT_CLIENT_DIST;
  if (existsSync(dist)) {
    app.use(clientAssets(dist));
  }
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
