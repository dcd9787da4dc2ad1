import { randomUUID } from 'node:crypto';
import type { SearchDocument, SearchEngine } from '../port.js';

/**
 * A rebuild fed over the RPC: the engine's `rebuild()` runs on a stream of batches that arrive one call at a
 * time, so the host never holds more than the batches not yet taken, and searches keep answering from the old
 * index until the last batch is in (the engine swaps atomically at the end, as when it is called directly).
 */
export class RebuildSession {
  readonly id = randomUUID();
  private readonly waiting: (readonly SearchDocument[])[] = [];
  private wake: (() => void) | undefined;
  private ended = false;
  private failure: Error | undefined;
  readonly done: Promise<{ indexed: number }>;

  constructor(engine: SearchEngine) {
    this.done = engine.rebuild(this.batches());
    // An aborted session is reported to whoever ends it; nobody waiting is no unhandled rejection.
    this.done.catch(() => {});
  }

  push(batch: readonly SearchDocument[]): void {
    if (this.ended) throw new Error('this rebuild has ended');
    this.waiting.push(batch);
    this.wake?.();
  }

  /** No more batches: resolves once the new index is swapped in. */
  end(): Promise<{ indexed: number }> {
    this.ended = true;
    this.wake?.();
    return this.done;
  }

  /** Gives up: the engine keeps its old index. */
  abort(reason: string): void {
    this.failure = new Error(`rebuild aborted: ${reason}`);
    this.ended = true;
    this.wake?.();
  }

  private async *batches(): AsyncGenerator<readonly SearchDocument[]> {
    for (;;) {
      if (this.failure) throw this.failure;
      const batch = this.waiting.shift();
      if (batch) {
        yield batch;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}
