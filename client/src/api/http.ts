import { z } from 'zod';
import { ERROR_STATUS, errorBodySchema, type ErrorCode, type ErrorDetail } from '@app/shared';

/** Failures the client sees that never come from the API's error body. */
export type ClientErrorCode = 'network' | 'bad_response';

/** Any failed API call: the API's own error body when there is one, otherwise what the client could tell. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly requestId?: string,
  ) {
    super(message);
  }

  /** The server refused a state-changing request because its CSRF token was missing or stale. */
  get isCsrfRejection(): boolean {
    return this.status === 403 && this.code === 'forbidden' && /csrf/i.test(this.message);
  }
}

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue | readonly QueryValue[]>;

export interface RequestOptions<T> {
  /** Repeated keys for arrays (`domain=a&domain=b`), as the API expects; null and undefined are left out. */
  query?: Query;
  body?: unknown;
  /** Validates the answer at run time; the result is typed from it. */
  schema?: z.ZodType<T>;
  signal?: AbortSignal;
}

export interface HttpClientOptions {
  /** Prefix for every path; '' (same origin) in the browser. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const STATE_CHANGING = new Set<Method>(['POST', 'PUT', 'PATCH', 'DELETE']);
const csrfAnswerSchema = z.object({ token: z.string().min(1) });

const codeByStatus = new Map<number, ErrorCode>(
  Object.entries(ERROR_STATUS).map(([code, status]) => [status, code as ErrorCode]),
);

function buildUrl(baseUrl: string, path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, raw] of Object.entries(query ?? {})) {
    const values: readonly QueryValue[] = Array.isArray(raw) ? raw : [raw as QueryValue];
    for (const value of values) if (value !== null && value !== undefined) params.append(key, String(value));
  }
  const search = params.toString();
  return `${baseUrl}${path}${search ? `?${search}` : ''}`;
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Turns a non-2xx answer into an ApiError, trusting only a body that matches the contract's error shape. */
export async function toApiError(res: Response): Promise<ApiError> {
  const parsed = errorBodySchema.safeParse(await readJson(res).catch(() => undefined));
  if (parsed.success) {
    const { code, message, details, requestId } = parsed.data.error;
    return new ApiError(res.status, code, message, details ?? [], requestId);
  }
  // A proxy's HTML page or an empty body: name the failure by its status.
  const code = codeByStatus.get(res.status) ?? (res.status >= 500 ? 'unavailable' : 'bad_response');
  return new ApiError(res.status, code, res.statusText || `HTTP ${res.status}`);
}

export type HttpClient = ReturnType<typeof createHttpClient>;

/** A JSON client for the REST API: same-origin cookies, the CSRF header on writes, typed answers and errors. */
export function createHttpClient(options: HttpClientOptions = {}) {
  const baseUrl = options.baseUrl ?? '';
  const doFetch =
    options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  let csrfToken: Promise<string> | null = null;

  function currentCsrfToken(): Promise<string> {
    csrfToken ??= send<{ token: string }>('GET', '/api/auth/csrf', { schema: csrfAnswerSchema }).then(
      (answer) => answer.token,
      (err: unknown) => {
        csrfToken = null;
        throw err;
      },
    );
    return csrfToken;
  }

  async function send<T>(method: Method, path: string, opts: RequestOptions<T>, isRetry = false): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    // The server answers errors in the interface's language (`<html lang>`, kept by setLocale).
    const lang = typeof document === 'undefined' ? '' : document.documentElement.lang;
    if (lang) headers['Accept-Language'] = lang;
    // A FormData body (a file upload) sets its own multipart boundary; anything else travels as JSON.
    const isForm = typeof FormData !== 'undefined' && opts.body instanceof FormData;
    if (opts.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
    if (STATE_CHANGING.has(method)) headers['X-CSRF-Token'] = await currentCsrfToken();

    let res: Response;
    try {
      res = await doFetch(buildUrl(baseUrl, path, opts.query), {
        method,
        headers,
        body:
          opts.body === undefined ? undefined : isForm ? (opts.body as FormData) : JSON.stringify(opts.body),
        credentials: 'same-origin',
        signal: opts.signal,
      });
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      throw new ApiError(0, 'network', err instanceof Error ? err.message : 'network error');
    }

    if (!res.ok) {
      const error = await toApiError(res);
      // A session change (sign-in, sign-out, expiry) makes the token stale: fetch a fresh one and try once more.
      if (error.isCsrfRejection && !isRetry && STATE_CHANGING.has(method)) {
        csrfToken = null;
        return send(method, path, opts, true);
      }
      throw error;
    }

    const data = res.status === 204 ? undefined : await readJson(res);
    if (!opts.schema) return data as T;
    const checked = opts.schema.safeParse(data);
    if (!checked.success)
      throw new ApiError(res.status, 'bad_response', `unexpected answer from ${method} ${path}`);
    return checked.data;
  }

  return {
    get: <T = unknown>(path: string, opts: Omit<RequestOptions<T>, 'body'> = {}) =>
      send<T>('GET', path, opts),
    post: <T = unknown>(path: string, body?: unknown, opts: RequestOptions<T> = {}) =>
      send<T>('POST', path, { ...opts, body }),
    put: <T = unknown>(path: string, body?: unknown, opts: RequestOptions<T> = {}) =>
      send<T>('PUT', path, { ...opts, body }),
    patch: <T = unknown>(path: string, body?: unknown, opts: RequestOptions<T> = {}) =>
      send<T>('PATCH', path, { ...opts, body }),
    delete: <T = unknown>(path: string, opts: RequestOptions<T> = {}) => send<T>('DELETE', path, opts),
    /** The session's CSRF token, for a request this client does not send itself (an upload with progress). */
    csrfToken: currentCsrfToken,
    /** Forget the CSRF token, e.g. after sign-in or sign-out, which start a new session. */
    resetCsrfToken: () => {
      csrfToken = null;
    },
  };
}

/** The browser's client, same origin. */
export const api = createHttpClient();
