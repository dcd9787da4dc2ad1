import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger } from 'pino';

/** Personal fields that never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.email',
  '*.phone',
  '*.contact',
  '*.idNumber',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}

/** pino-http's own view of a request, as its standard serializer makes it (`raw` is the request itself). */
interface SerializedRequest {
  id: unknown;
  method: string;
  url: string;
  remoteAddress?: string;
  raw: IncomingMessage;
}

/** The few request headers worth a line: who called (through which proxy), and from which page. */
const LOGGED_REQUEST_HEADERS = ['user-agent', 'x-forwarded-for', 'referer'] as const;

/**
 * What a request's log line says about it: id, method, url (with its query string as sent), the caller's address
 * and the headers above. Not every header, the parsed query or the response's headers: those are the same on
 * every call (helmet's, the session cookie, redacted anyway) and serialising and redacting them was most of the
 * logger's cost per call.
 */
export const requestLogSerializers = {
  req: (req: SerializedRequest) => {
    const headers: Record<string, string> = {};
    for (const name of LOGGED_REQUEST_HEADERS) {
      const value = req.raw.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    return { id: req.id, method: req.method, url: req.url, remoteAddress: req.remoteAddress, headers };
  },
  res: (res: { raw: ServerResponse }) => ({ statusCode: res.raw.headersSent ? res.raw.statusCode : null }),
};
