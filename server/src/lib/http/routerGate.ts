import type { RequestHandler, Router } from 'express';

/** A layer of a router's stack as `router` 2 keeps it: the path it was given (a string, a RegExp or a list). */
interface StackLayer {
  rawPath?: unknown;
}

/** Characters that make a path segment a pattern (a parameter, a wildcard, an optional part, an escape). */
const PATTERN = /[:*?+!(){}[\]\\]/;

/**
 * The first segment a layer's path asks for (`/listings/:id` → `listings`), or undefined when the layer could
 * match any first segment: a parameter or pattern there, a RegExp, a list, the root (middleware without a path),
 * or letters beyond ASCII (where a case-insensitive RegExp folds case otherwise than `toLowerCase`).
 */
function literalFirstSegment(path: unknown, caseSensitive: boolean): string | undefined {
  if (typeof path !== 'string' || !path.startsWith('/')) return undefined;
  const end = path.indexOf('/', 1);
  const segment = end === -1 ? path.slice(1) : path.slice(1, end);
  if (segment === '' || PATTERN.test(segment) || /[^\x20-\x7e]/.test(segment)) return undefined;
  return caseSensitive ? segment : segment.toLowerCase();
}

/** The first segments a router's layers can match, or undefined when one of them can match any. */
function firstSegmentsOf(stack: readonly StackLayer[], caseSensitive: boolean): Set<string> | undefined {
  const segments = new Set<string>();
  for (const layer of stack) {
    const segment = literalFirstSegment(layer.rawPath, caseSensitive);
    if (segment === undefined) return undefined;
    segments.add(segment);
  }
  return segments;
}

/**
 * A module's router entered only by requests whose path starts with a segment one of its routes names. A router
 * that matches nothing still costs each request passing it: its dispatch set up (the path parsed, the request's
 * `next`, `baseUrl` and `params` saved and restored) and every one of its routes' patterns tested; a signed-in
 * call passed every module's router mounted before its own. Requests the router could match go to it as before,
 * the others skip it, so which handler answers is unchanged. Routes are compared as the router does
 * (case-insensitively unless it is case-sensitive, against the path as sent); a router with a route or middleware
 * that could match any first segment is always entered. The segments are worked out again whenever the router's
 * stack has grown.
 */
export function gateRouter(router: Router): RequestHandler {
  const caseSensitive = (router as unknown as { caseSensitive?: boolean }).caseSensitive === true;
  const stack = router.stack as unknown as StackLayer[];
  let counted = -1;
  let segments: Set<string> | undefined;
  return function gate(req, res, next) {
    if (stack.length !== counted) {
      segments = firstSegmentsOf(stack, caseSensitive);
      counted = stack.length;
    }
    const path = req.path;
    if (!segments || !path.startsWith('/')) return router(req, res, next);
    const end = path.indexOf('/', 1);
    const segment = end === -1 ? path.slice(1) : path.slice(1, end);
    if (segments.has(caseSensitive ? segment : segment.toLowerCase())) router(req, res, next);
    else next();
  };
}
