/** Sending one call of the hardening tests: any method, path, query, body or upload, from a chosen address. */
import type { Response } from 'supertest';
import type { TestClient } from '../harness.js';
import type { CallParts } from './recipes.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Outgoing extends CallParts {
  /** A ready query string (without `?`), used instead of `query` to send what no encoder would make. */
  rawQuery?: string;
  /** A body sent verbatim, with its content type (invalid JSON, text, a huge payload...). */
  rawBody?: { contentType: string; data: string };
  /** `valid` (default), `missing` or `wrong`: the CSRF header of a state-changing call. */
  csrf?: 'valid' | 'missing' | 'wrong';
  /** X-Forwarded-For: each generated call comes from its own address, so no rate limit is reached by accident. */
  address?: string;
}

/**
 * Percent-encodes any string, lone surrogates included (as the bytes a careless encoder would send), which
 * encodeURIComponent refuses.
 */
export function encodeAny(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value]
      .map((ch) => {
        const code = ch.codePointAt(0)!;
        if (code < 0xd800 || code > 0xdfff) return encodeURIComponent(ch);
        return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)]
          .map((b) => `%${b.toString(16).toUpperCase()}`)
          .join('');
      })
      .join('');
  }
}

/** Fills `:name` segments from params (encoded). */
export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_m, name: string) => encodeAny(params[name] ?? `missing-${name}`));
}

export function encodeQuery(query: Record<string, string | string[]> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : [value]) search.append(key, one);
  }
  return search.toString();
}

let addressCount = 0;
/** A new address from 10.0.0.0/8 for each call. */
export const nextAddress = () => {
  const n = ++addressCount;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

/** Sends one call with the client's cookies; `path` is below /api and may hold `:params`. */
export async function send(
  client: TestClient,
  method: Method,
  path: string,
  out: Outgoing = {},
): Promise<Response> {
  const query = out.rawQuery ?? encodeQuery(out.query);
  const url = `/api${fillPath(path, out.params)}${query ? `?${query}` : ''}`;
  const csrf = method === 'get' ? undefined : (out.csrf ?? 'valid');
  const token = csrf === 'valid' ? await client.csrfToken() : csrf === 'wrong' ? 'not-the-token' : undefined;
  const req = client.agent[method](url).set('X-Forwarded-For', out.address ?? nextAddress());
  if (token) req.set('X-CSRF-Token', token);
  if (out.upload) {
    for (const [name, value] of Object.entries(out.upload.fields ?? {})) req.field(name, value);
    return req.attach(out.upload.field, out.upload.data, {
      filename: out.upload.filename,
      contentType: out.upload.contentType,
    });
  }
  if (out.rawBody) return req.set('Content-Type', out.rawBody.contentType).send(out.rawBody.data);
  // Serialized here, so that any JSON value goes out as it is (a bare number, an own `__proto__` key).
  return out.body === undefined
    ? req
    : req.set('Content-Type', 'application/json').send(JSON.stringify(out.body));
}
