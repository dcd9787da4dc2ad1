import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { IndexSettings, SearchDocument, SearchEngine } from '../port.js';
import {
  isSearchCall,
  MAX_CALL_BYTES,
  SEARCH_TOKEN_HEADER,
  type SearchCall,
  type SearchHostAddress,
} from './protocol.js';
import { RebuildSession } from './rebuildSession.js';

export interface SearchHost extends SearchHostAddress {
  /** Stops answering; rebuilds still being fed are aborted. */
  close(): Promise<void>;
}

class CallError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<unknown[]> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_CALL_BYTES) throw new CallError(413, 'the call is too large');
    chunks.push(chunk);
  }
  const args: unknown = size ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : [];
  if (!Array.isArray(args)) throw new CallError(400, 'the body must be an array of arguments');
  return args;
}

/**
 * Serves one search engine to the other processes of this machine: HTTP on 127.0.0.1 only, each call carrying
 * the token made here at start (protocol.ts). The engine's own checks (the document schema) apply to what
 * arrives, as to a call made in process.
 */
export async function serveSearch(engine: SearchEngine, logger: Logger): Promise<SearchHost> {
  const token = randomBytes(32).toString('hex');
  const expected = Buffer.from(token);
  const rebuilds = new Map<string, RebuildSession>();

  const session = (id: unknown) => {
    const found = typeof id === 'string' ? rebuilds.get(id) : undefined;
    if (!found) throw new CallError(404, 'no such rebuild');
    return found;
  };

  const calls: Record<SearchCall, (args: unknown[]) => Promise<unknown>> = {
    ensureIndex: async ([settings]) =>
      engine.ensureIndex((settings ?? undefined) as IndexSettings | undefined),
    upsert: async ([docs]) => engine.upsert(docs as SearchDocument[]),
    delete: async ([ids]) => engine.delete(ids as string[]),
    search: async ([query]) => engine.search(query as Parameters<SearchEngine['search']>[0]),
    stats: async () => engine.stats(),
    clear: async () => engine.clear(),
    checkWrites: async () => engine.checkWrites(),
    'rebuild.begin': async () => {
      const started = new RebuildSession(engine);
      rebuilds.set(started.id, started);
      // A rebuild refused at once (another one runs) is reported here rather than at its end.
      await Promise.race([started.done, new Promise((resolve) => setImmediate(resolve))]).catch((err) => {
        rebuilds.delete(started.id);
        throw err;
      });
      return started.id;
    },
    'rebuild.batch': async ([id, docs]) => session(id).push(docs as SearchDocument[]),
    'rebuild.end': async ([id]) => {
      const ending = session(id);
      try {
        return await ending.end();
      } finally {
        rebuilds.delete(ending.id);
      }
    },
    'rebuild.abort': async ([id, reason]) => {
      const ending = session(id);
      rebuilds.delete(ending.id);
      ending.abort(String(reason ?? 'the caller gave up'));
    },
  };

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    const json = JSON.stringify(body) ?? 'null';
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  };

  const server = createServer((req, res) => {
    void (async () => {
      try {
        const presented = Buffer.from(String(req.headers[SEARCH_TOKEN_HEADER] ?? ''));
        if (presented.length !== expected.length || !timingSafeEqual(presented, expected))
          throw new CallError(401, 'a valid search token is required');
        const name = (req.url ?? '').slice(1);
        if (req.method !== 'POST' || !isSearchCall(name)) throw new CallError(404, 'no such call');
        const result = await calls[name](await readBody(req));
        answer(res, 200, { result: result ?? null });
      } catch (err) {
        const status = err instanceof CallError ? err.status : err instanceof SyntaxError ? 400 : 500;
        if (status === 500) logger.warn({ err, call: req.url }, 'a search call from a worker failed');
        answer(res, status, { error: err instanceof Error ? err.message : String(err) });
      }
    })();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    async close() {
      for (const [id, running] of rebuilds) {
        running.abort('the search host is closing');
        rebuilds.delete(id);
      }
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
