import { rateLimit, type RateLimitRequestHandler } from 'express-rate-limit';
import { rateLimited } from '../../lib/errors.js';

/** A per-address limit that answers with the API's 429 error body. */
export function perAddressLimit(
  limit: number,
  windowMs: number,
  options: { failuresOnly?: boolean } = {},
): RateLimitRequestHandler {
  return rateLimit({
    windowMs,
    limit,
    skipSuccessfulRequests: options.failuresOnly ?? false,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(rateLimited()),
  });
}

/** After this many failures in a row an account is locked, for a time that doubles with each further failure. */
export const LOCK_AFTER_FAILURES = 5;
const BASE_LOCK_MS = 30_000;
const MAX_LOCK_MS = 30 * 60_000;

export function lockDurationMs(failures: number): number {
  if (failures < LOCK_AFTER_FAILURES) return 0;
  return Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** (failures - LOCK_AFTER_FAILURES));
}
