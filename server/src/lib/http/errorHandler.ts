import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorBody } from '@app/shared';
import { AppError } from '../errors.js';

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
  if (e?.type === 'entity.too.large') return new AppError('payload_too_large', 'Request body too large');
  if (e?.type === 'entity.parse.failed')
    return new AppError('validation_failed', 'Request body is not valid JSON');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
    return new AppError('validation_failed', 'Unsupported body encoding');
  if (e?.code === 11000) {
    const fields = Object.keys(e.keyValue ?? {});
    return new AppError(
      'conflict',
      'Already exists',
      fields.map((path) => ({ path, message: 'already taken', code: 'duplicate' })),
    );
  }
  if (e?.name === 'CastError') return new AppError('validation_failed', 'Malformed identifier or value');
  // The router could not percent-decode a path segment (`/listings/%ED%A0%80`).
  if (err instanceof URIError)
    return new AppError('validation_failed', 'Malformed percent-encoding in the path');
  // Any other client error a library marks as such (http-errors' 4xx) is the caller's, not ours.
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new AppError('validation_failed', 'Malformed request');
  }
  return undefined;
}

/** The one error handler: every failure leaves as `{ error: { code, message, details } }`. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const known = toAppError(err);
  const requestId = String(req.id ?? '');
  if (!known) req.log?.error({ err }, 'unhandled error');
  const appError = known ?? new AppError('internal', 'Something went wrong on our side');
  const body: ErrorBody = {
    error: {
      code: appError.code,
      message: appError.message,
      ...(appError.details?.length ? { details: appError.details } : {}),
      ...(requestId ? { requestId } : {}),
    },
  };
  if (res.headersSent) return;
  res.status(appError.status).json(body);
};

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `No route for ${req.method} ${req.path}`));
};
