/**
 * The internal search RPC between the primary process (which holds the one embedded index) and its HTTP workers:
 * one TCP connection per worker to 127.0.0.1, kept open, carrying length-prefixed JSON frames (a 4-byte
 * big-endian length, then that many bytes of UTF-8 JSON). The first frame a worker sends is the token made anew
 * at every start (handed to the workers in their environment); then each call is a frame `{ id, call, args }`,
 * answered by `{ id, result }` or `{ id, status, error }`. Calls are pipelined: a worker sends the next before the
 * last is answered, and answers come back as they finish, matched by id. No HTTP on either side: a search then
 * costs the primary its own work, one frame read and one frame written.
 */

/** The calls the host answers. */
export const searchCalls = [
  'ensureIndex',
  'upsert',
  'delete',
  'search',
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
export type AnswerFrame = { id: number; result: unknown } | { id: number; status: number; error: string };

/** One frame: the value's JSON behind its length. */
export function frame(value: unknown): Buffer {
  const json = JSON.stringify(value) ?? 'null';
  const length = Buffer.byteLength(json);
  const bytes = Buffer.allocUnsafe(4 + length);
  bytes.writeUInt32BE(length, 0);
  bytes.write(json, 4, 'utf8');
  return bytes;
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
    this.chunks.push(chunk);
    this.size += chunk.length;
    const values: unknown[] = [];
    while (this.size >= 4) {
      if (this.chunks[0]!.length < 4) this.join();
      const length = this.chunks[0]!.readUInt32BE(0);
      if (length > this.maxBytes) throw new FrameTooLarge(length, this.maxBytes);
      if (this.size < 4 + length) break;
      if (this.chunks[0]!.length < 4 + length) this.join();
      const head = this.chunks[0]!;
      values.push(JSON.parse(head.toString('utf8', 4, 4 + length)));
      this.size -= 4 + length;
      if (head.length === 4 + length) this.chunks.shift();
      else this.chunks[0] = head.subarray(4 + length);
    }
    return values;
  }

  private join(): void {
    this.chunks = [Buffer.concat(this.chunks)];
  }
}
