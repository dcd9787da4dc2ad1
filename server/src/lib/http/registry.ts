import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route at all; finer object rules live in each module's policy.ts. */
export type Access = 'public' | 'user' | readonly string[];

/** What a route declares about itself: the source of the router, the OpenAPI document and the hardening tests. */
export interface RouteSpec {
  method: HttpMethod;
  /** Express-style path below /api, e.g. `/listings/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** A multipart upload instead of a JSON body. */
  upload?: { field: string; maxBytes: number };
  response?: z.ZodType;
  status?: number;
}

const routes: RouteSpec[] = [];

export function registerRoute(spec: RouteSpec): void {
  if (!routes.some((r) => r.method === spec.method && r.path === spec.path)) routes.push(spec);
}

/** Every route the server mounts, in mount order. */
export function listRoutes(): readonly RouteSpec[] {
  return routes;
}
