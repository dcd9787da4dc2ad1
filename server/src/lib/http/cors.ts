import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * CORS for the API, from the same allowlist (`CORS_ORIGINS`) as the socket handshake: a listed origin gets the
 * headers with credentials and its preflights answered; any other origin gets none, so a browser neither lets
 * its page read an answer (the CSRF token included) nor send a state-changing request, whose `X-CSRF-Token`
 * header needs a preflight. Same-origin and non-browser requests need no headers and pass untouched.
 */
export function apiCors(allowlist: readonly string[]): RequestHandler {
  const allowed = new Set(allowlist);
  const handler = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Content-Type', 'X-CSRF-Token', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'Content-Disposition', 'Retry-After', 'RateLimit', 'RateLimit-Policy'],
    maxAge: 600,
  });
  return (req, res, next) => {
    // The answer differs by origin: a shared cache must not hand one origin's answer to another.
    if (allowed.size) res.vary('Origin');
    handler(req, res, next);
  };
}
