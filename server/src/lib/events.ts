/**
 * Domain events: services emit them after a change is stored; subscribers (search indexer, realtime emitter,
 * notifications) do the side effects. Modules extend this map by declaration merging. A change that must not be
 * lost (a listing or match write) is recorded in the outbox inside its transaction instead (`lib/outbox.ts`).
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

interface Registration {
  listener: (payload: never) => void | Promise<void>;
  awaitedByWriter: boolean;
}

/** The runs one emit started: those the writer waits for, and whether every listener succeeded. */
export interface Dispatch {
  awaited: Promise<unknown>[];
  /** Resolves true when every listener finished without failing, false when one failed (it was reported). */
  succeeded: Promise<boolean>;
}

export class DomainEvents {
  private readonly listeners = new Map<string, Registration[]>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly onError: (err: unknown, event: string) => void) {}

  on<K extends keyof DomainEventMap>(
    event: K,
    listener: Listener<K>,
    options: ListenerOptions = {},
  ): () => void {
    const registration: Registration = { listener, awaitedByWriter: Boolean(options.awaitedByWriter) };
    const list = this.listeners.get(event as string) ?? [];
    this.listeners.set(event as string, [...list, registration]);
    return () =>
      this.listeners.set(
        event as string,
        (this.listeners.get(event as string) ?? []).filter((r) => r !== registration),
      );
  }

  emit<K extends keyof DomainEventMap>(event: K, payload: DomainEventMap[K]): void {
    this.dispatch(event, payload);
  }

  /**
   * Starts every listener of the event (in the order they subscribed, each synchronously up to its first await)
   * and hands back their runs; a listener's failure is reported through `onError`, never thrown. The outbox uses
   * `succeeded` to know when a stored event has been applied everywhere.
   */
  dispatch<K extends keyof DomainEventMap>(event: K, payload: DomainEventMap[K]): Dispatch {
    const awaited: Promise<unknown>[] = [];
    const runs: Promise<boolean>[] = [];
    for (const { listener, awaitedByWriter } of this.listeners.get(event as string) ?? []) {
      let run: Promise<boolean>;
      try {
        run = Promise.resolve((listener as Listener<K>)(payload)).then(
          () => true,
          (err) => {
            this.onError(err, String(event));
            return false;
          },
        );
      } catch (err) {
        this.onError(err, String(event));
        run = Promise.resolve(false);
      }
      this.track(run);
      runs.push(run);
      if (awaitedByWriter) awaited.push(run);
    }
    const succeeded = Promise.allSettled(runs).then((rs) =>
      rs.every((r) => r.status === 'fulfilled' && r.value),
    );
    return { awaited, succeeded };
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
    await waitAtMost(this.dispatch(event, payload).awaited, atMostMs);
  }

  /** Counts background work (a listener's run, an outbox entry's completion) for `settle`. */
  track(work: Promise<unknown>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  /** Resolves once every listener started so far has finished (tests and graceful shutdown). */
  async settle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }
}

/** Waits for the runs, but at most `atMostMs`; resolves at once when there are none. */
export async function waitAtMost(runs: Promise<unknown>[], atMostMs: number): Promise<void> {
  if (!runs.length) return;
  let timer: NodeJS.Timeout | undefined;
  const giveUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, atMostMs);
    timer.unref();
  });
  try {
    await Promise.race([Promise.all(runs), giveUp]);
  } finally {
    clearTimeout(timer);
  }
}
