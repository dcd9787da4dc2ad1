import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { hasStoredCandidates } from '../candidates.js';
import type { IndexSettings, SearchDocument, SearchEngine, SearchQuery } from '../port.js';
import {
  answerFrames,
  frame,
  FrameReader,
  isSearchCall,
  type AnswerFrame,
  type SearchCall,
  type SearchHostAddress,
} from './protocol.js';
import { SentListings } from './heldListings.js';
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

/**
 * Serves one search engine to the other processes of this machine: framed JSON over TCP on 127.0.0.1 only, each
 * connection opened with the token made here at start (protocol.ts). The engine's own checks (the document
 * schema) apply to what arrives, as to a call made in process.
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
    search: async ([query]) => engine.search(query as SearchQuery),
    // The embedded index hands the candidates' listings over as the JSON it keeps them in, not decoded.
    findCandidates: async ([queries]) =>
      hasStoredCandidates(engine)
        ? engine.storedCandidates(queries as SearchQuery[])
        : engine.findCandidates(queries as SearchQuery[]),
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

  /**
   * The answer's frames, made when they are written (`{ id, result }` and the listings of its hits, protocol.ts)
   * with what the connection's worker holds (`sent`, changed only here, in the order of the writes), or
   * `{ id, status, error }`.
   */
  const run = async (value: unknown): Promise<(sent: SentListings) => Buffer> => {
    const { id, call, args } = (value ?? {}) as { id?: unknown; call?: unknown; args?: unknown };
    const callId = typeof id === 'number' ? id : -1;
    try {
      if (!isSearchCall(call)) throw new CallError(404, 'no such call');
      if (!Array.isArray(args)) throw new CallError(400, 'the arguments must be an array');
      const result = await calls[call](args);
      return (sent) => answerFrames(callId, call, result, sent);
    } catch (err) {
      const status = err instanceof CallError ? err.status : 500;
      if (status === 500) logger.warn({ err, call }, 'a search call from a worker failed');
      const error = err instanceof Error ? err.message : String(err);
      const failed = frame({ id: callId, status, error } satisfies AnswerFrame);
      return () => failed;
    }
  };

  const open = new Set<Socket>();
  const server = createServer((socket) => {
    open.add(socket);
    socket.setNoDelay(true);
    const reader = new FrameReader();
    const sent = new SentListings();
    let trusted = false;
    let refused = false;
    // Says why (id 0: no call's) and reads nothing more; the caller closes, or the connection ends here.
    const refuse = (status: number, error: string) => {
      refused = true;
      socket.end(frame({ id: 0, status, error } satisfies AnswerFrame));
    };
    socket.on('data', (chunk: Buffer) => {
      if (refused) return;
      let values: unknown[];
      try {
        values = reader.push(chunk);
      } catch (err) {
        return refuse(400, err instanceof Error ? err.message : String(err));
      }
      for (const value of values) {
        if (!trusted) {
          const presented = Buffer.from(String((value as { token?: unknown } | null)?.token ?? ''));
          if (presented.length !== expected.length || !timingSafeEqual(presented, expected))
            return refuse(401, 'a valid search token is required');
          trusted = true;
          continue;
        }
        void run(value).then((answer) => {
          if (!socket.destroyed) socket.write(answer(sent));
        });
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `tcp://127.0.0.1:${port}`,
    token,
    async close() {
      for (const [id, running] of rebuilds) {
        running.abort('the search host is closing');
        rebuilds.delete(id);
      }
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of open) socket.destroy();
      });
    },
  };
}
