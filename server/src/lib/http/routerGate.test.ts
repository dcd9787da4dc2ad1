import express, { Router, type RequestHandler } from 'express';
import fc from 'fast-check';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { gateRouter } from './routerGate.js';

/** Three module-like routers: literal first segments, a parameter first, and middleware without a path. */
function routers(): Router[] {
  const answer =
    (name: string): RequestHandler =>
    (req, res) =>
      void res.json({ name, params: req.params });
  const listings = Router();
  listings.get('/listings/:id', answer('listings.read'));
  listings.post('/listings', answer('listings.create'));
  listings.get('/Reports.csv', answer('reports'));
  const matches = Router();
  matches.get('/listings/:id/matches', answer('matches.of'));
  matches.get('/matches/{:page}', answer('matches.mine'));
  const anything = Router();
  anything.get('/:slug/about', answer('about'));
  const counted = Router();
  counted.use((req, _res, next) => {
    req.headers['x-passed'] = 'counted';
    next();
  });
  counted.get('/counted', (req, res) => void res.json({ name: 'counted', passed: req.headers['x-passed'] }));
  return [listings, matches, anything, counted];
}

/** The app with each router mounted as it is or behind its gate, and a 404 after them. */
function appOf(gated: boolean) {
  const app = express();
  for (const router of routers()) app.use(gated ? gateRouter(router) : router);
  app.use((_req, res) => void res.status(404).json({ name: 'none' }));
  return app;
}

const ungated = appOf(false);
const gated = appOf(true);

describe('a router behind its gate', () => {
  it('answers every path with the handler the router alone would, case and trailing slash included', async () => {
    const segment = fc.constantFrom(
      'listings',
      'LISTINGS',
      'Listings',
      '%6Cistings',
      'matches',
      'reports.csv',
      'REPORTS.CSV',
      'counted',
      'about',
      'x',
      '',
      '7',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(segment, fc.webSegment()), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('get', 'post', 'head'),
        async (segments, method) => {
          const path = `/${segments.join('/')}`;
          const theirs = await request(ungated)[method](path);
          const ours = await request(gated)[method](path);
          expect(ours.status, path).toBe(theirs.status);
          expect(ours.body, path).toEqual(theirs.body);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('enters its router only for the first segments its routes name', async () => {
    const [listings] = routers();
    const entered: string[] = [];
    // The router's own dispatch, which it calls for every request it is handed.
    const router = listings as unknown as { handle: RequestHandler };
    const handle = router.handle.bind(listings);
    router.handle = (req, res, next) => {
      entered.push(req.url);
      return handle(req, res, next);
    };
    const app = express();
    app.use(gateRouter(listings!));
    app.use((_req, res) => void res.status(404).json({ name: 'none' }));
    await request(app).get('/elsewhere/1').expect(404);
    await request(app).get('/listing/1').expect(404);
    await request(app).get('/').expect(404);
    expect(entered).toEqual([]);
    expect((await request(app).get('/Listings/1').expect(200)).body).toMatchObject({ name: 'listings.read' });
    await request(app).get('/listings/1/more').expect(404);
    await request(app).get('/reports.CSV').expect(200);
    expect(entered).toEqual(['/Listings/1', '/listings/1/more', '/reports.CSV']);
  });

  it('is entered again by the paths of routes added after its first request', async () => {
    const router = Router();
    router.get('/first', (_req, res) => void res.json({ name: 'first' }));
    const app = express();
    app.use(gateRouter(router));
    app.use((_req, res) => void res.status(404).json({ name: 'none' }));
    expect((await request(app).get('/second').expect(404)).body).toEqual({ name: 'none' });
    router.get('/second', (_req, res) => void res.json({ name: 'second' }));
    expect((await request(app).get('/second').expect(200)).body).toEqual({ name: 'second' });
  });
});
