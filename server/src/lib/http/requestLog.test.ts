import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { RequestHandler } from 'express';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { afterEach, describe, expect, it } from 'vitest';
import { REDACTED_PATHS, requestLogSerializers } from '../logger.js';
import { requestLog } from './requestLog.js';

type Line = Record<string, unknown>;

/** A logger as the app makes it (lib/logger.ts), writing its lines into `lines`. */
function sinkLogger(lines: Line[], level = 'info') {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Line);
      done();
    },
  });
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
}

/** pino-http as the app used it before this middleware, for the same lines. */
const asBefore = (logger: pino.Logger): RequestHandler => {
  const log = pinoHttp({
    logger,
    serializers: requestLogSerializers,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' ? incoming : 'generated';
      res.setHeader('X-Request-Id', id);
      return id;
    },
    autoLogging: { ignore: (req) => !req.url?.startsWith('/api') },
  });
  return (req, res, next) => log(req, res, next);
};

const servers: http.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A server answering through `middleware` (as the app's first) with the status the path asks for. */
async function serve(middleware: RequestHandler): Promise<string> {
  const server = http.createServer((req, res) => {
    middleware(req as never, res as never, () => {
      if (req.url?.includes('unhandled')) req.log.error({ err: new Error('boom') }, 'unhandled error');
      res.setHeader('Set-Cookie', 'rl.sid=secret');
      res.statusCode = Number(/status=(\d+)/.exec(req.url ?? '')?.[1] ?? 200);
      res.end('{}');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const CALLS = [
  '/api/search?q=%E8%80%81%E4%BA%BA&district=310104&district=310105&side=need',
  '/api/listings?status=500',
  '/api/probe/unhandled?status=500',
  '/assets/index.js',
];

async function linesOf(make: (logger: pino.Logger) => RequestHandler, level = 'info') {
  const lines: Line[] = [];
  const url = await serve(make(sinkLogger(lines, level)));
  for (const path of CALLS) {
    await fetch(url + path, {
      headers: {
        'x-request-id': `request-${CALLS.indexOf(path)}-0001`,
        cookie: 'rl.sid=s%3Asecret',
        'x-csrf-token': 'token-value',
        'user-agent': 'probe/1.0',
        'x-forwarded-for': '203.0.113.7',
      },
    });
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  // Times differ between runs; everything else is compared.
  return lines.map(({ time: _time, responseTime, err, ...rest }) => ({
    ...rest,
    responseTime: typeof responseTime,
    ...(err ? { err: { message: (err as { message: string }).message } } : {}),
  }));
}

describe('the request log', () => {
  it('writes the lines pino-http wrote: a search names id, method, url, address, three headers and the status', async () => {
    const before = await linesOf(asBefore);
    const after = await linesOf(requestLog);
    expect(after).toEqual(before);
    expect(after).toHaveLength(4);
    expect(after[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: {
        id: 'request-0-0001',
        method: 'GET',
        url: CALLS[0],
        remoteAddress: '127.0.0.1',
        headers: { 'user-agent': 'probe/1.0', 'x-forwarded-for': '203.0.113.7' },
      },
      res: { statusCode: 200 },
      responseTime: 'number',
    });
    expect(after[1]).toMatchObject({ msg: 'request errored', err: { message: 'failed with status code 500' } });
    // The error handler's line, through the request's own logger, names the request too.
    expect(after[2]).toMatchObject({ level: 50, msg: 'unhandled error', req: { id: 'request-2-0001' } });
    const text = JSON.stringify(after);
    for (const secret of ['secret', 'token-value']) expect(text).not.toContain(secret);
  });

  it('gives every request an id, and watches no answer while the level lets no request line through', async () => {
    const lines: Line[] = [];
    const middleware = requestLog(sinkLogger(lines, 'warn'));
    let watched = -1;
    const server = http.createServer((req, res) => {
      const own = res.listenerCount('finish') + res.listenerCount('close');
      middleware(req as never, res as never, () => {
        watched = res.listenerCount('finish') + res.listenerCount('close') - own;
        res.end();
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/search?q=x`);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(watched).toBe(0);
    expect(await linesOf(requestLog, 'warn')).toEqual(await linesOf(asBefore, 'warn'));
  });
});
