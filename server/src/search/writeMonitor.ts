import type { Logger } from 'pino';
import type { Health } from '@app/shared';
import { OUTBOX_LAG_SECONDS, outboxLag } from '../lib/outbox.js';
import type { SearchEngine, SearchWriteWatch } from './port.js';

export type SearchIndexHealth = Health['searchIndex'];

/** A write unconfirmed for longer than this makes the index count as lagging (as a waiting outbox entry does). */
export const LAG_SECONDS = OUTBOX_LAG_SECONDS;

/** The outbox's side of the index's health, for a process without a monitor. */
export async function outboxHealth(): Promise<SearchIndexHealth> {
  return { ...(await outboxLag()), unconfirmedWrites: 0, failedWrites: 0 };
}

/**
 * Follows the writes this process sent to the search engine without waiting (the reconciler's): asks the engine
 * how they ended, in batches, on a timer of its own (the writes are this process's, so no lease), logs a failed
 * one and hands its listings to `reindex` (the indexer), which re-reads their current state and writes them again.
 */
export class SearchWriteMonitor implements SearchWriteWatch {
  private unconfirmed = 0;
  private oldestUnconfirmedAt: number | undefined;
  private failed = 0;
  private unreachable = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly engine: SearchEngine,
    private readonly logger: Logger,
    private readonly reindex: (listingIds: string[]) => Promise<void>,
  ) {}

  start(everyMs = 5_000): void {
    this.timer = setInterval(() => void this.check(), everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One round: ask, log and re-queue failures. Calls while a round runs share it. */
  check(): Promise<void> {
    this.running ??= this.round().finally(() => (this.running = undefined));
    return this.running;
  }

  private async round(): Promise<void> {
    let result;
    try {
      result = await this.engine.checkWrites();
      this.unreachable = false;
    } catch (err) {
      this.unreachable = true;
      this.logger.warn({ err }, 'could not ask the search engine how its writes ended; asking again later');
      return;
    }
    for (const write of result.failed) {
      this.failed += write.ids.length;
      this.logger.error(
        { listings: write.ids.length, reason: write.reason },
        'a search index write failed; its listings are queued to be indexed again',
      );
      await this.reindex(write.ids).catch((err: unknown) =>
        this.logger.warn({ err }, 'could not index the failed write again; the reconciler will repair it'),
      );
    }
    this.unconfirmed = result.unconfirmed;
    this.oldestUnconfirmedAt = result.oldestUnconfirmedAt;
  }

  /** The index's lag as `/api/health` reports it. */
  async health(): Promise<SearchIndexHealth> {
    const outbox = await outboxHealth();
    const unconfirmedSeconds = this.oldestUnconfirmedAt ? (Date.now() - this.oldestUnconfirmedAt) / 1000 : 0;
    return {
      ...outbox,
      lagging: outbox.lagging || unconfirmedSeconds > LAG_SECONDS || this.unreachable,
      unconfirmedWrites: this.unconfirmed,
      failedWrites: this.failed,
    };
  }
}
