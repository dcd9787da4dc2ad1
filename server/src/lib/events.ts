import { EventEmitter } from 'node:events';

/**
 * Domain events: services emit them after a change is stored; subscribers (search indexer, realtime emitter,
 * notifications) do the side effects. Modules extend this map by declaration merging.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEventMap {}

type Listener<K extends keyof DomainEventMap> = (payload: DomainEventMap[K]) => void | Promise<void>;

export class DomainEvents {
  private readonly emitter = new EventEmitter({ captureRejections: false });
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly onError: (err: unknown, event: string) => void) {
    this.emitter.setMaxListeners(50);
  }

  on<K extends keyof DomainEventMap>(event: K, listener: Listener<K>): () => void {
    const wrapped = (payload: DomainEventMap[K]) => {
      try {
        const p = Promise.resolve(listener(payload)).catch((err) => this.onError(err, String(event)));
        this.pending.add(p);
        void p.finally(() => this.pending.delete(p));
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

  /** Resolves once every listener started so far has finished (tests and graceful shutdown). */
  async settle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }
}
