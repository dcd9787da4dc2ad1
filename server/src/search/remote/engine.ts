import { Agent, request } from 'node:http';
import type {
  DocumentBatches,
  IndexSettings,
  SearchDocument,
  SearchEngine,
  SearchQuery,
  SearchResult,
  SearchStats,
  WriteCheck,
} from '../port.js';
import { SEARCH_TOKEN_HEADER, type SearchCall, type SearchHostAddress } from './protocol.js';

/**
 * The search port over the primary's RPC (host.ts): a worker's view of the one embedded index. Every call is a
 * round trip on a kept-alive connection to 127.0.0.1; a write returns once the primary applied it, so a
 * listing written through any worker is found by a search on any other in the next request.
 */
export class RemoteSearchEngine implements SearchEngine {
  readonly engine = 'embedded' as const;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 32 });
  private readonly base: URL;

  constructor(private readonly host: SearchHostAddress) {
    this.base = new URL(host.url);
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
    this.agent.destroy();
  }

  private call<T = void>(name: SearchCall, ...args: unknown[]): Promise<T> {
    const body = JSON.stringify(args);
    return new Promise<T>((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          host: this.base.hostname,
          port: this.base.port,
          method: 'POST',
          path: `/${name}`,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            [SEARCH_TOKEN_HEADER]: this.host.token,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            try {
              const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
                result?: T;
                error?: string;
              };
              if (res.statusCode === 200) resolve(answer.result as T);
              else reject(new Error(`search host: ${answer.error ?? `status ${res.statusCode}`}`));
            } catch (err) {
              reject(err as Error);
            }
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}
