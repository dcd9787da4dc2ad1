import type { Request, Response, Router, RequestHandler } from 'express';
import type { z } from 'zod';
import { JsonText } from '../jsonText.js';
import { sendJson, sendJsonText } from './jsonAnswer.js';
import { parseInput, refuseInput } from './validate.js';
import { registerRoute, type RouteSpec } from './registry.js';

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteInput<S extends RouteSpec> {
  params: Out<S['params']>;
  query: Out<S['query']>;
  body: Out<S['body']>;
  req: Request;
  res: Response;
}

/**
 * Mounts one route: its middlewares (rate limit, auth), input parsing by the declared schemas, then the handler,
 * whose return value is sent as JSON with the declared status (a `JsonText` as the JSON it already is; both through
 * jsonAnswer.ts, which writes what `res.json` would without its detours). The spec is registered for the OpenAPI
 * document.
 */
export function mountRoute<const S extends RouteSpec>(
  router: Router,
  spec: S,
  middlewares: RequestHandler[],
  handler: (input: RouteInput<S>) => Promise<unknown> | unknown,
): void {
  registerRoute(spec);
  router[spec.method](spec.path, ...middlewares, async (req: Request, res: Response) => {
    const input = {
      params: (spec.params ? parseInput(spec.params, req.params, 'path parameters') : undefined) as Out<
        S['params']
      >,
      query: (spec.query
        ? parseInput(spec.query, req.query, 'query string')
        : refuseInput(req.query, 'query string')) as Out<S['query']>,
      // An upload's form fields are the route's to parse; any other route without a body schema takes none.
      body: (spec.body
        ? parseInput(spec.body, req.body ?? {}, 'request body')
        : spec.upload
          ? undefined
          : refuseInput(req.body, 'request body')) as Out<S['body']>,
      req,
      res,
    };
    const result = await handler(input);
    if (res.headersSent) return;
    if (result === undefined) res.status(spec.status ?? 204).end();
    else if (result instanceof JsonText) sendJsonText(req, res, spec.status ?? 200, result.text);
    else sendJson(req, res, spec.status ?? 200, result);
  });
}
