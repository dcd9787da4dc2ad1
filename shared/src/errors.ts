import { z } from 'zod';

/** Stable error codes of the API contract, with the HTTP status each one travels with. */
export const ERROR_STATUS = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const errorCodes = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export const errorDetailSchema = z.object({
  /** A dotted path (`amount.min`), or its segments (`["startsAt"]`, as the base contract's rule details give it). */
  path: z.union([z.string(), z.array(z.string())]).optional(),
  message: z.string(),
  code: z.string().optional(),
});

/** `{ error: { code, message, details } }`, the body of every non-2xx answer. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    details: z.array(errorDetailSchema).optional(),
    requestId: z.string().optional(),
  }),
});

export type ErrorDetail = z.infer<typeof errorDetailSchema>;
export type ErrorBody = z.infer<typeof errorBodySchema>;
