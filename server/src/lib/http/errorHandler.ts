import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorBody } from '@app/shared';
import { AppError } from '../errors.js';
import { localeOf } from './locale.js';

/** Maps framework and library errors that carry a meaning for the caller onto the API's error codes. */
function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  const e = err as {
    type?: string;
    status?: number;
    code?: number | string;
    name?: string;
    keyValue?: object;
  };
  if (e?.type === 'entity.too.large') return new AppError('payload_too_large', 'request.tooLarge');
  if (e?.type === 'entity.parse.failed') return new AppError('validation_failed', 'request.notJson');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
    return new AppError('validation_failed', 'request.encoding');
  if (e?.code === 11000) {
    const fields = Object.keys(e.keyValue ?? {});
    return new AppError(
      'conflict',
      'request.alreadyExists',
      fields.map((path) => ({ path, message: 'field.alreadyTaken', code: 'duplicate' })),
    );
  }
  if (e?.name === 'CastError') return new AppError('validation_failed', 'request.malformedValue');
  // The router could not percent-decode a path segment (`/listings/%ED%A0%80`).
  if (err instanceof URIError) return new AppError('validation_failed', 'request.malformedPath');
  // Any other client error a library marks as such (http-errors' 4xx) is the caller's, not ours.
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new AppError('validation_failed', 'request.malformed');
  }
  return undefined;
}

/**
 * The one error handler: every failure leaves as `{ error: { code, message, details } }`, the message and the
 * details in the reader's language (the account's choice, else Accept-Language, else Chinese).
 */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const known = toAppError(err);
  const requestId = String(req.id ?? '');
  if (!known) req.log?.error({ err }, 'unhandled error');
  const appError = known ?? new AppError('internal', 'request.internal');
  const locale = localeOf(req);
  const details = appError.detailsIn(locale);
  const body: ErrorBody = {
    error: {
      code: appError.code,
      message: appError.messageIn(locale),
      ...(details?.length ? { details } : {}),
      ...(requestId ? { requestId } : {}),
    },
  };
  if (res.headersSent) return;
  res.status(appError.status).json(body);
};

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(
    new AppError('not_found', {
      key: 'request.noRoute',
      params: { method: req.method, path: req.path },
    }),
  );
};
