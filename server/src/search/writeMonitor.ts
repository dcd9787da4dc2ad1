import type { Logger } from 'pino';
import { Types } from 'mongoose';
import type { Health } from '@app/shared';
import { oldestOutboxEntryAt, pendingOutboxCount, recordListingChange } from './outbox.js';
import type { SearchEngine } from './port.js';

export type SearchIndexHealth = Health['searchIndex'];

/** A change waiting longer than this, or a write unconfirmed for longer, makes the index count as lagging. */
export const LAG_SECONDS = 60;

/** The outbox's side of the index's health, for a process without a monitor. */
export async function outboxHealth(): Promise<SearchIndexHealth> {
  const [queued, oldest] = await Promise.all([pendingOutboxCount(), oldestOutboxEntryAt()]);
  const oldestQueuedSeconds = oldest ? Math.max(0, Math.round((Date.now() - oldest.getTime()) / 1000)) : null;
  return {
    lagging: (oldestQueuedSeconds ?? 0) > LAG_SECONDS,
    queued,
    oldestQueuedSeconds,
    unconfirmedWrites: 0,
    failedWrites: 0,
  };
}

/**
 * Follows the writes this process sent to the search engine without waiting (the reconciler's): asks the engine
 * how they ended, in batches, on a timer of its own (the writes are this process's, so no lease), logs a failed
 * one and queues its listings in the outbox again, where the indexer re-reads their current state and retries.
 */
export class SearchWriteMonitor {
  private unconfirmed = 0;
  private oldestUnconfirmedAt: number | undefined;
  private failed = 0;
  private unreachable = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly engine: SearchEngine,
    private readonly logger: Logger,
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
      for (const id of write.ids) if (Types.ObjectId.isValid(id)) await recordListingChange(id);
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
