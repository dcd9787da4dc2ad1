import { connect, type Socket } from 'node:net';
import { parseKeepingText, setParsedOnRead } from '../../lib/jsonText.js';
import type {
  CandidateHit,
  DocumentBatches,
  IndexSettings,
  SearchDocument,
  SearchEngine,
  SearchQuery,
  SearchResult,
  SearchStats,
  WriteCheck,
} from '../port.js';
import {
  frame,
  FrameReader,
  hitsOf,
  type AnswerFrame,
  type CallFrame,
  type Hello,
  type SearchCall,
  type SearchHostAddress,
} from './protocol.js';
import { HeldListings } from './heldListings.js';

interface Pending {
  /** The connection the call went out on. */
  socket: Socket;
  call: SearchCall;
  resolve(result: unknown): void;
  reject(err: Error): void;
}

type Answered = Extract<AnswerFrame, { result: unknown }>;

/**
 * The search port over the primary's RPC (host.ts, protocol.ts): a worker's view of the one embedded index. Every
 * call is a frame on the one connection this worker keeps open to 127.0.0.1 (opened at the first call, opened
 * again at the next call after it dropped), pipelined with the calls in flight; a write returns once the primary
 * applied it, so a listing written through any worker is found by a search on any other in the next request.
 * The listings of a search's hits and of candidates come after their answer, a frame each, kept as their text
 * and parsed when first read (lib/jsonText.ts): a search answer writes them out as they came, unparsed.
 */
export class RemoteSearchEngine implements SearchEngine {
  readonly engine = 'embedded' as const;
  private readonly address: { host: string; port: number };
  private socket: Socket | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly host: SearchHostAddress) {
    const url = new URL(host.url);
    this.address = { host: url.hostname, port: Number(url.port) };
  }

  ensureIndex(settings?: IndexSettings): Promise<void> {
    return this.call('ensureIndex', settings ?? null);
  }

  upsert(docs: readonly SearchDocument[]): Promise<void> {
    return this.call('upsert', docs);
  }

  delete(ids: readonly string[]): Promise<void> {
    return this.call('delete', ids);
  }

  search(query: SearchQuery): Promise<SearchResult> {
    return this.call('search', query);
  }

  /** One call for every search: the primary answers the listings found, each once, without highlights. */
  findCandidates(queries: readonly SearchQuery[]): Promise<CandidateHit[]> {
    return this.call('findCandidates', queries);
  }

  stats(): Promise<SearchStats> {
    return this.call('stats');
  }

  clear(): Promise<void> {
    return this.call('clear');
  }

  checkWrites(): Promise<WriteCheck> {
    return this.call('checkWrites');
  }

  /** Streams the batches to the primary, one call each, which builds beside the live index and swaps at the end. */
  async rebuild(
    source: DocumentBatches,
    onProgress?: (indexed: number) => void,
  ): Promise<{ indexed: number }> {
    const id = await this.call<string>('rebuild.begin');
    try {
      let sent = 0;
      for await (const batch of source) {
        await this.call('rebuild.batch', id, batch);
        sent += batch.length;
        onProgress?.(sent);
      }
    } catch (err) {
      await this.call('rebuild.abort', id, String(err)).catch(() => {});
      throw err;
    }
    return this.call<{ indexed: number }>('rebuild.end', id);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.socket?.destroy();
    this.fail(new Error('search host: the connection is closed'));
  }

  private call<T = void>(name: SearchCall, ...args: unknown[]): Promise<T> {
    if (this.closed) return Promise.reject(new Error('search host: the connection is closed'));
    const id = this.nextId++;
    const socket = this.connection();
    const answered = new Promise<T>((resolve, reject) =>
      this.pending.set(id, { socket, call: name, resolve: resolve as (result: unknown) => void, reject }),
    );
    socket.write(frame({ id, call: name, args } satisfies CallFrame));
    return answered;
  }

  /** The open connection, or a new one: its first frame is the token, and calls may follow it at once. */
  private connection(): Socket {
    if (this.socket && !this.socket.destroyed) return this.socket;
    const socket = connect(this.address);
    socket.setNoDelay(true);
    socket.write(frame({ token: this.host.token } satisfies Hello));
    const reader = new FrameReader();
    // The candidates' listings this connection's answers said to keep (heldListings.ts).
    const held = new HeldListings();
    // An answer whose hits' listings are still to come, one frame each (protocol.ts `answerFrames`).
    let incomplete: { answer: Answered; expected: number; listings: string[] } | undefined;
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const text of reader.pushTexts(chunk)) {
          if (incomplete) {
            incomplete.listings.push(text);
            if (incomplete.listings.length < incomplete.expected) continue;
            const { answer, listings } = incomplete;
            incomplete = undefined;
            this.settle(socket, held, answer, listings);
            continue;
          }
          const answer = JSON.parse(text) as AnswerFrame;
          const expected = 'listed' in answer ? (answer.listed?.length ?? 0) : 0;
          if (expected) incomplete = { answer: answer as Answered, expected, listings: [] };
          else this.settle(socket, held, answer);
        }
      } catch (err) {
        socket.destroy(err as Error);
      }
    });
    socket.on('error', () => {}); // 'close' follows and fails the calls in flight.
    socket.on('close', () => {
      if (this.socket === socket) this.socket = undefined;
      this.fail(new Error('search host: the connection closed'), socket);
    });
    this.socket = socket;
    return socket;
  }

  /**
   * Resolves or fails the call answered; `listings` (their JSON texts) go to the hits `answer.listed` names, in
   * order, each parsed when first read: a search answer writes them out as they came without parsing them.
   * Candidates' listings are decoded at once and kept as the answer says, beside those it names as held (every
   * candidate is read by the ranking): the slots change with every answer, whether its caller still waits or not.
   */
  private settle(socket: Socket, held: HeldListings, answer: AnswerFrame, listings: string[] = []): void {
    if ('result' in answer) {
      if (answer.held)
        held.settle(
          answer.result as CandidateHit[],
          answer.listed ?? [],
          listings,
          answer.held,
          parseKeepingText,
        );
      const waiting = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if (!waiting) return;
      if (listings.length && !answer.held) {
        const hits = hitsOf(waiting.call, answer.result)!;
        answer.listed!.forEach((at, i) => setParsedOnRead(hits[at]!, 'listing', listings[i]!));
      }
      waiting.resolve(answer.result);
      return;
    }
    const err = new Error(`search host: ${answer.error}`);
    // Id 0: the host refused the connection itself (a wrong token, a bad frame); every call on it fails.
    if (answer.id === 0) {
      this.fail(err, socket);
      socket.destroy();
      return;
    }
    const waiting = this.pending.get(answer.id);
    this.pending.delete(answer.id);
    waiting?.reject(err);
  }

  /** Fails the calls in flight on `socket` (all of them without one). */
  private fail(err: Error, socket?: Socket): void {
    for (const [id, call] of this.pending) {
      if (socket && call.socket !== socket) continue;
      this.pending.delete(id);
      call.reject(err);
    }
  }
}
