import path from 'node:path';
import compression from 'compression';
import express, { type Router } from 'express';

/** Vite names built files `/assets/<name>-<hash>.<ext>`: their content never changes under that name. */
const HASHED_ASSET = /^\/assets\//;

/**
 * The built client: compressed (gzip or brotli, as the browser accepts), hashed assets cached for a year as
 * immutable, the app page never cached (it names the current assets), a missing `/assets/*` a real 404 (a page
 * asking for a chunk of an older build learns it, instead of getting the app page as JavaScript), and any other
 * path the app page, for the client's router.
 */
export function clientAssets(dist: string): Router {
  const router = express.Router();
  router.use(compression());
  router.use(
    '/assets',
    express.static(path.join(dist, 'assets'), {
      index: false,
      fallthrough: true,
      immutable: true,
      maxAge: '365d',
    }),
  );
  router.use((req, res, next) => {
    if (HASHED_ASSET.test(req.path)) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    next();
  });
  router.use(
    express.static(dist, {
      index: false,
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    }),
  );
  router.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(dist, 'index.html'));
  });
  return router;
}
