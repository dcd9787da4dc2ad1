import express from 'express';
import fc from 'fast-check';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { sendJson, sendJsonText } from './jsonAnswer.js';

/** The same text sent by express's `res.type('json').send` and by `sendJsonText`. */
function bothWays(text: string) {
  const app = express();
  app.get('/express', (_req, res) => void res.status(200).type('json').send(text));
  app.get('/ours', (req, res) => sendJsonText(req, res, 200, text));
  return app;
}

const HEADERS = ['content-type', 'content-length', 'etag'] as const;
const headersOf = (res: request.Response) => Object.fromEntries(HEADERS.map((h) => [h, res.headers[h]]));

describe('a JSON text answer', () => {
  it('has the body, content type, length and ETag express would send, for any text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.json()), async (text) => {
        const app = bothWays(text);
        const theirs = await request(app).get('/express').buffer(true).parse(rawBody);
        const ours = await request(app).get('/ours').buffer(true).parse(rawBody);
        expect(ours.status).toBe(200);
        expect(headersOf(ours)).toEqual(headersOf(theirs));
        expect((ours.body as Buffer).equals(theirs.body as Buffer)).toBe(true);
        expect((ours.body as Buffer).toString('utf8')).toBe(text);
      }),
      { numRuns: 60 },
    );
  });

  it('answers a conditional GET that matches its ETag with 304 and no body, and HEAD with headers only', async () => {
    const app = bothWays('{"items":[{"title":"老人助餐"}],"total":1}');
    const first = await request(app).get('/ours').expect(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"[0-9a-f]+-/);
    for (const path of ['/ours', '/express']) {
      const again = await request(app).get(path).set('If-None-Match', etag);
      expect(again.status, path).toBe(304);
      expect(again.text, path).toBe('');
      expect(again.headers['content-type'], path).toBeUndefined();
    }
    expect((await request(app).get('/ours').set('If-None-Match', 'W/"0-other"')).status).toBe(200);
    const head = await request(app).head('/ours').expect(200);
    expect(headersOf(head)).toEqual(headersOf(first));
    expect(head.text).toBeUndefined();
  });
});

/** The same value answered by express's `res.status(status).json` and by `sendJson`, after `before` ran. */
function bothJsonWays(value: unknown, status: number, before: (res: express.Response) => void = () => {}) {
  const app = express();
  app.get('/express', (_req, res) => {
    before(res);
    res.status(status).json(value);
  });
  app.get('/ours', (req, res) => {
    before(res);
    sendJson(req, res, status, value);
  });
  return app;
}

describe('a JSON value answer', () => {
  it('is the answer express would send, for any value, status and conditional GET', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue(),
        fc.constantFrom(200, 201, 202, 204),
        fc.boolean(),
        fc.boolean(),
        async (value, status, typed, conditional) => {
          const app = bothJsonWays(value, status, typed ? (res) => void res.type('text/plain') : undefined);
          const theirs = await request(app).get('/express').buffer(true).parse(rawBody);
          const etag = conditional ? theirs.headers.etag : undefined;
          const again = async (path: string) => {
            const call = request(app).get(path);
            if (etag) void call.set('If-None-Match', String(etag));
            return call.buffer(true).parse(rawBody);
          };
          const [before, ours] = [await again('/express'), await again('/ours')];
          expect(ours.status).toBe(before.status);
          expect(headersOf(ours)).toEqual(headersOf(before));
          expect((ours.body as Buffer).equals(before.body as Buffer)).toBe(true);
        },
      ),
      { numRuns: 80 },
    );
  });
});

/** supertest's parser hook: the body's bytes as they came (the answer is a stream at that point). */
function rawBody(res: request.Response, done: (err: Error | null, body: Buffer) => void) {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
