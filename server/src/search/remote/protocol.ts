/**
 * The internal search RPC between the primary process (which holds the one embedded index) and its HTTP workers:
 * one TCP connection per worker to 127.0.0.1, kept open, carrying length-prefixed JSON frames (a 4-byte
 * big-endian length, then that many bytes of UTF-8 JSON). The first frame a worker sends is the token made anew
 * at every start (handed to the workers in their environment); then each call is a frame `{ id, call, args }`,
 * answered by `{ id, result }` or `{ id, status, error }`; the listings of a search's or candidates' hits follow
 * their answer, one frame each (`answerFrames`). Calls are pipelined: a worker sends the next before the last is
 * answered, and answers come back as they finish, matched by id. No HTTP on either side: a search then costs the
 * primary its own work, one frame read and one write.
 */
import { jsonOf, parseKeepingText } from '../../lib/jsonText.js';
import type { StoredCandidate } from '../candidates.js';
import type { CandidateHit, SearchHit, SearchResult } from '../port.js';
import type { HeldInstructions, SentListings } from './heldListings.js';

/** The calls the host answers. */
export const searchCalls = [
  'ensureIndex',
  'upsert',
  'delete',
  'search',
  'findCandidates',
  'stats',
  'clear',
  'checkWrites',
  'rebuild.begin',
  'rebuild.batch',
  'rebuild.end',
  'rebuild.abort',
] as const;
export type SearchCall = (typeof searchCalls)[number];

export const isSearchCall = (name: unknown): name is SearchCall =>
  typeof name === 'string' && (searchCalls as readonly string[]).includes(name);

/** Where a worker finds the primary's search host (environment variables set by the primary). */
export interface SearchHostAddress {
  /** `tcp://127.0.0.1:<port>` */
  url: string;
  token: string;
}

export const SEARCH_HOST_ENV = { url: 'RL_SEARCH_HOST_URL', token: 'RL_SEARCH_HOST_TOKEN' } as const;

/** The host's address from the environment, when this process is a worker of a primary holding the index. */
export function searchHostFromEnv(env: NodeJS.ProcessEnv = process.env): SearchHostAddress | undefined {
  const url = env[SEARCH_HOST_ENV.url];
  const token = env[SEARCH_HOST_ENV.token];
  return url && token ? { url, token } : undefined;
}

/** The largest frame either side reads: a rebuild batch of 2,000 listings with long descriptions fits. */
export const MAX_CALL_BYTES = 256 * 1024 * 1024;

/** The first frame of a connection. */
export interface Hello {
  token: string;
}
export interface CallFrame {
  id: number;
  call: SearchCall;
  args: unknown[];
}
/**
 * An answer. `listed`: the hits of a search's or candidates' result that carry a listing, by position; the
 * listings follow the answer, one frame each, in that order (`answerFrames`). `held`: for candidates, the slots
 * the worker keeps the listings that came in, and the hits whose listing it holds already (heldListings.ts).
 */
export type AnswerFrame =
  | { id: number; result: unknown; listed?: number[]; held?: HeldInstructions }
  | { id: number; status: number; error: string };

/** Frames of JSON texts made already (strings, or their UTF-8 bytes), back to back in one buffer (one write). */
export function framesOf(jsons: readonly (string | Uint8Array)[]): Buffer {
  const lengths = jsons.map((json) => (typeof json === 'string' ? Buffer.byteLength(json) : json.length));
  const bytes = Buffer.allocUnsafe(lengths.reduce((sum, n) => sum + 4 + n, 0));
  let at = 0;
  jsons.forEach((json, i) => {
    bytes.writeUInt32BE(lengths[i]!, at);
    if (typeof json === 'string') bytes.write(json, at + 4, 'utf8');
    else bytes.set(json, at + 4);
    at += 4 + lengths[i]!;
  });
  return bytes;
}

/** One frame: the value's JSON behind its length. */
export function frame(value: unknown): Buffer {
  return framesOf([JSON.stringify(value) ?? 'null']);
}

/** A hit as an answer may hold it: a listing decoded, or the stored JSON of one (search/candidates.ts). */
type AnsweredHit = (SearchHit | CandidateHit) & Partial<StoredCandidate>;

/** The hits of a call's result that may carry listings: a search's, and the candidates. */
export function hitsOf(call: SearchCall, result: unknown): AnsweredHit[] | undefined {
  if (call === 'findCandidates') return result as AnsweredHit[];
  if (call === 'search') return (result as SearchResult).hits;
  return undefined;
}

/**
 * The frames of a call's answer. The listings of its hits follow it, one frame each, written as the texts the
 * embedded index keeps them in (lib/jsonText.ts), or as the very bytes it keeps them in (`listingJson`, the
 * candidates): the primary neither decodes nor serializes again what it stored as JSON, and both sides handle one
 * small text per listing instead of one long answer (V8 builds, encodes and decodes a string of a few hundred
 * KiB, as the candidates of a recommendation are, several times slower per byte).
 */
export function answerFrames(id: number, call: SearchCall, result: unknown, sent?: SentListings): Buffer {
  const hits = hitsOf(call, result);
  if (!hits?.some((hit) => hit.listing || hit.listingJson)) {
    return frame({ id, result: result ?? null } satisfies AnswerFrame);
  }
  // Candidates on a connection whose worker holds listings: only those it does not hold as they are now.
  const held =
    sent && call === 'findCandidates' ? { keep: [] as number[], reuse: [] as number[] } : undefined;
  const listed: number[] = [];
  const listings: (string | Uint8Array)[] = [];
  const bare = hits.map(({ listing, listingJson, ...hit }, i) => {
    const json = listingJson ?? (listing ? jsonOf(listing) : undefined);
    if (!json) return hit;
    if (held) {
      const { slot, send } = sent!.place(hit.id, typeof json === 'string' ? Buffer.from(json) : json);
      if (!send) {
        held.reuse.push(i, slot);
        return hit;
      }
      held.keep.push(slot);
    }
    listed.push(i);
    listings.push(json);
    return hit;
  });
  const answer = call === 'search' ? { ...(result as SearchResult), hits: bare } : bare;
  return framesOf([
    JSON.stringify({ id, result: answer, listed, ...(held ? { held } : {}) } satisfies AnswerFrame),
    ...listings,
  ]);
}

export class FrameTooLarge extends Error {
  constructor(length: number, max: number) {
    super(`a frame of ${length} bytes is over the limit of ${max}`);
  }
}

/**
 * Reassembles frames from a stream's chunks, however they are cut. A frame's bytes are joined once, when the
 * last of them arrived (a large rebuild batch is not copied again for every chunk).
 */
export class FrameReader {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly maxBytes = MAX_CALL_BYTES) {}

  /** The values of the frames completed by `chunk`, in order; throws FrameTooLarge or the JSON's SyntaxError. */
  push(chunk: Buffer): unknown[] {
    // Its text kept: a listing that came in a frame of its own can be written out as it came (lib/jsonText.ts).
    return this.pushTexts(chunk).map(parseKeepingText);
  }

  /** The JSON texts of the frames completed by `chunk`, in order, not parsed; throws FrameTooLarge. */
  pushTexts(chunk: Buffer): string[] {
    this.chunks.push(chunk);
    this.size += chunk.length;
    const texts: string[] = [];
    while (this.size >= 4) {
      if (this.chunks[0]!.length < 4) this.join();
      const length = this.chunks[0]!.readUInt32BE(0);
      if (length > this.maxBytes) throw new FrameTooLarge(length, this.maxBytes);
      if (this.size < 4 + length) break;
      if (this.chunks[0]!.length < 4 + length) this.join();
      const head = this.chunks[0]!;
      texts.push(head.toString('utf8', 4, 4 + length));
      this.size -= 4 + length;
      if (head.length === 4 + length) this.chunks.shift();
      else this.chunks[0] = head.subarray(4 + length);
    }
    return texts;
  }

  private join(): void {
    this.chunks = [Buffer.concat(this.chunks)];
  }
}
