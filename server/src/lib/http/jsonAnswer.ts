import { hash } from 'node:crypto';
import type { Request, Response } from 'express';

/** Express's weak ETag of a body (the `etag` package's): its length in hex and the start of its SHA-1 in base64. */
export function weakEtag(body: Buffer): string {
  const digest = body.length === 0 ? '2jmj7l5rSw0yVb/vlWAYkK/YBwk' : hash('sha1', body, 'base64').slice(0, 27);
  return `W/"${body.length.toString(16)}-${digest}"`;
}

/**
 * Sends a body that is already JSON text with the headers `res.type('json').send(text)` writes (Content-Type with
 * its charset, Content-Length, the weak ETag, a 304 to a conditional GET that matches it, no body for HEAD), but
 * without express's detours on the way: the content type looked up and its charset parsed and set again, each
 * header read back before it is written, and a hash object made for the ETag. The text is encoded once; that
 * buffer is what is hashed and written.
 */
export function sendJsonText(req: Request, res: Response, status: number, text: string): void {
  const body = Buffer.from(text, 'utf8');
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  const etagFn = req.app.get('etag fn') as ((body: Buffer, encoding?: string) => string) | undefined;
  if (typeof etagFn === 'function' && !res.hasHeader('ETag'))
    res.setHeader('ETag', req.app.get('etag') === 'weak' ? weakEtag(body) : etagFn(body));
  if (req.fresh) {
    res.statusCode = 304;
    res.removeHeader('Content-Type');
    res.removeHeader('Content-Length');
    res.removeHeader('Transfer-Encoding');
    res.end();
  } else if (req.method === 'HEAD') res.end();
  else res.end(body);
}

/** Statuses whose answer express sends without a body (and without its type and length). */
const BODILESS = new Set([204, 205, 304]);

/**
 * `res.status(status).json(value)`: through `sendJsonText` where that is the same answer (no JSON settings on the
 * app, no content type chosen by the handler, a status with a body, a value JSON can write), else through express.
 */
export function sendJson(req: Request, res: Response, status: number, value: unknown): void {
  const app = req.app;
  const text =
    BODILESS.has(status) ||
    res.hasHeader('Content-Type') ||
    app.get('json replacer') ||
    app.get('json spaces') ||
    app.get('json escape')
      ? undefined
      : (JSON.stringify(value) as string | undefined);
  if (text === undefined) res.status(status).json(value);
  else sendJsonText(req, res, status, text);
}
