import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type {} from 'pino-http';
import { requestLogSerializers } from '../logger.js';

/** The id a request is known by in its log lines and its answer's `X-Request-Id`: the caller's when well-formed. */
function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
}

/** The request as a log line names it (lib/logger.ts): from the request itself, the URL as it was sent. */
const serializeRequest = (req: IncomingMessage & { originalUrl?: string; id?: unknown }) =>
  requestLogSerializers.req({
    id: req.id,
    method: req.method ?? '',
    url: req.originalUrl ?? req.url ?? '',
    remoteAddress: req.socket?.remoteAddress,
    raw: req,
  });

/**
 * The request log, with the lines pino-http wrote (`request completed`, or `request errored` with the error for a
 * failure or a 5xx, at info; `req`, `res`, `responseTime`), made only when a line is written: pino-http built
 * each request's child logger up front, serialising, stringifying and redacting the request, and parsed its query
 * string once more for that, on every call, even when the level let no line through. Here `req.log` (the request's
 * own logger, for the error handler) is made on first use, and a request's answer is watched only while the info
 * level is on. Requests outside `/api` (the client's files) get an id and no line.
 */
export function requestLog(logger: Logger): RequestHandler {
  const log = logger.child(
    {},
    {
      serializers: {
        req: serializeRequest,
        res: (res: ServerResponse) => requestLogSerializers.res({ raw: res }),
      },
    },
  );
  const loggers = new WeakMap<IncomingMessage, Logger>();
  const loggerOf = (req: IncomingMessage): Logger => {
    let own = loggers.get(req);
    if (!own) loggers.set(req, (own = log.child({ req })));
    return own;
  };
  return (req, res, next) => {
    const id = requestIdOf(req);
    req.id = id;
    res.setHeader('X-Request-Id', id);
    Object.defineProperty(req, 'log', { get: () => loggerOf(req), configurable: true });
    if (log.isLevelEnabled('info') && req.url.startsWith('/api')) {
      const started = Date.now();
      const done = (err?: Error) => {
        res.off('close', done);
        res.off('finish', done);
        res.off('error', done);
        const responseTime = Date.now() - started;
        const failure =
          err ??
          (res as { err?: Error }).err ??
          (res.statusCode >= 500 ? new Error(`failed with status code ${res.statusCode}`) : undefined);
        if (failure) loggerOf(req).info({ res, err: failure, responseTime }, 'request errored');
        else loggerOf(req).info({ res, responseTime }, 'request completed');
      };
      res.on('close', done);
      res.on('finish', done);
      res.on('error', done);
    }
    next();
  };
}
