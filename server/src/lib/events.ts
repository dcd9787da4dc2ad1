import { EventEmitter } from 'node:events';

/**
 * Domain events: services emit them after a change is stored; subscribers (search indexer, realtime emitter,
 * notifications) do the side effects. Modules extend this map by declaration merging.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEventMap {}

type Listener<K extends keyof DomainEventMap> = (payload: DomainEventMap[K]) => void | Promise<void>;

export interface ListenerOptions {
  /**
   * A writer that emits with `emitAndWait` waits for this listener before answering, so that what it applies
   * (the search index) already shows the write when the writer's caller reads again (read-your-writes).
   */
  awaitedByWriter?: boolean;
}

export class DomainEvents {
  private readonly emitter = new EventEmitter({ captureRejections: false });
  private readonly pending = new Set<Promise<unknown>>();
  /** While `emitAndWait` emits: the runs of the listeners it waits for. */
  private awaited: Promise<unknown>[] | undefined;

  constructor(private readonly onError: (err: unknown, event: string) => void) {
    this.emitter.setMaxListeners(50);
  }

  on<K extends keyof DomainEventMap>(
    event: K,
    listener: Listener<K>,
    options: ListenerOptions = {},
  ): () => void {
    const wrapped = (payload: DomainEventMap[K]) => {
      try {
        const p = Promise.resolve(listener(payload)).catch((err) => this.onError(err, String(event)));
        this.pending.add(p);
        void p.finally(() => this.pending.delete(p));
        if (options.awaitedByWriter) this.awaited?.push(p);
      } catch (err) {
        this.onError(err, String(event));
      }
    };
    this.emitter.on(event as string, wrapped);
    return () => this.emitter.off(event as string, wrapped);
  }

  emit<K extends keyof DomainEventMap>(event: K, payload: DomainEventMap[K]): void {
    this.emitter.emit(event as string, payload);
  }

  /**
   * Emits, then resolves once the listeners registered with `awaitedByWriter` have finished with this event
   * (the others go on in the background, as with `emit`), or after `atMostMs`: a slow listener (a search
   * service that is down) never holds the answer to a write that has already happened; it goes on in the
   * background. A listener's failure is reported, not thrown.
   */
  async emitAndWait<K extends keyof DomainEventMap>(
    event: K,
    payload: DomainEventMap[K],
    atMostMs = 2000,
  ): Promise<void> {
    const awaited: Promise<unknown>[] = [];
    const outer = this.awaited;
    this.awaited = awaited;
    try {
      this.emitter.emit(event as string, payload);
    } finally {
      this.awaited = outer;
    }
    if (!awaited.length) return;
    let timer: NodeJS.Timeout | undefined;
    const giveUp = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, atMostMs);
      timer.unref();
    });
    try {
      await Promise.race([Promise.all(awaited), giveUp]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves once every listener started so far has finished (tests and graceful shutdown). */
  async settle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }
}
