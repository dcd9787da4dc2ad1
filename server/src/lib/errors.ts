import { ERROR_STATUS, type ErrorCode, type ErrorDetail } from '@app/shared';

/** The one error type services throw; the error handler turns it into the API's error body. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

export const validationFailed = (message: string, details?: ErrorDetail[]) =>
  new AppError('validation_failed', message, details);
export const unauthenticated = (message = 'Sign in first') => new AppError('unauthenticated', message);
export const forbidden = (message = 'Not allowed') => new AppError('forbidden', message);
export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found`);
export const conflict = (message: string, details?: ErrorDetail[]) =>
  new AppError('conflict', message, details);
export const rateLimited = (message = 'Too many requests, try again later') =>
  new AppError('rate_limited', message);
export const payloadTooLarge = (message = 'Request body too large') =>
  new AppError('payload_too_large', message);
