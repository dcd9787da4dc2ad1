import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { afterEach, describe, expect, it } from 'vitest';
import { REDACTED_PATHS, requestLogSerializers } from './logger.js';

/** A server whose every request is logged as the app logs it, into `lines`. */
async function loggedServer(lines: Record<string, unknown>[]) {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ level: 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
  const log = pinoHttp({ logger, serializers: requestLogSerializers, genReqId: () => 'req-1' });
  const server = http.createServer((req, res) => {
    log(req, res);
    res.setHeader('Set-Cookie', 'rl.sid=secret');
    res.setHeader('Content-Security-Policy', "default-src 'self'");
    res.statusCode = 201;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

describe('the request log line', () => {
  let server: http.Server | undefined;
  afterEach(() => server?.close());

  it('names the request, its caller and its status, and no cookie, token or response header', async () => {
    const lines: Record<string, unknown>[] = [];
    server = await loggedServer(lines);
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/api/listings?q=%E5%B8%AE&page=2`, {
      headers: {
        cookie: 'rl.sid=s%3Asecret',
        'x-csrf-token': 'token-value',
        'user-agent': 'probe/1.0',
        'x-forwarded-for': '203.0.113.7',
      },
    });
    await expect.poll(() => lines.length).toBe(1);
    const line = lines[0]!;
    expect(line.req).toEqual({
      id: 'req-1',
      method: 'GET',
      url: '/api/listings?q=%E5%B8%AE&page=2',
      remoteAddress: '127.0.0.1',
      headers: { 'user-agent': 'probe/1.0', 'x-forwarded-for': '203.0.113.7' },
    });
    expect(line.res).toEqual({ statusCode: 201 });
    const text = JSON.stringify(line);
    for (const secret of ['secret', 'token-value', 'default-src']) expect(text).not.toContain(secret);
  });
});
