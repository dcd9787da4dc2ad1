import { CommandError } from './errors.js';

type Mode = 'shared' | 'exclusive';

interface Waiter {
  owner: object;
  mode: Mode;
  resolve: () => void;
  reject: (err: Error) => void;
  timer?: NodeJS.Timeout;
}

/**
 * The transaction lock: every active transaction holds it shared, from its first statement to its commit or
 * abort, so any number of transactions run together; DDL and the TTL monitor take it exclusively, waiting for
 * every transaction to end. Waiters are served first come, first served: a transaction starting while DDL waits
 * queues behind it, so DDL is not starved by a stream of transactions.
 */
export class TransactionLock {
  private readonly sharedBy = new Set<object>();
  private exclusiveBy: object | null = null;
  private readonly queue: Waiter[] = [];

  /** Takes the lock shared (a transaction); rejects with a TransientTransactionError after `timeoutMs` when given. */
  share(owner: object, timeoutMs?: number): Promise<void> {
    return this.request(owner, 'shared', timeoutMs);
  }

  /** Takes the lock exclusively (DDL, the TTL monitor), once no transaction holds it. */
  acquire(owner: object, timeoutMs?: number): Promise<void> {
    return this.request(owner, 'exclusive', timeoutMs);
  }

  release(owner: object): void {
    if (this.exclusiveBy === owner) this.exclusiveBy = null;
    else if (!this.sharedBy.delete(owner)) return;
    this.grantWaiting();
  }

  private holds(owner: object): boolean {
    return this.exclusiveBy === owner || this.sharedBy.has(owner);
  }

  private grantable(mode: Mode): boolean {
    if (this.exclusiveBy !== null) return false;
    return mode === 'shared' || this.sharedBy.size === 0;
  }

  private grant(owner: object, mode: Mode): void {
    if (mode === 'shared') this.sharedBy.add(owner);
    else this.exclusiveBy = owner;
  }

  private request(owner: object, mode: Mode, timeoutMs?: number): Promise<void> {
    if (this.holds(owner)) return Promise.resolve();
    if (this.queue.length === 0 && this.grantable(mode)) {
      this.grant(owner, mode);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { owner, mode, resolve, reject };
      if (timeoutMs !== undefined) {
        waiter.timer = setTimeout(() => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          this.grantWaiting(); // a shared waiter queued behind this one may go now
          reject(
            new CommandError(
              'LockTimeout',
              `Unable to acquire the transaction lock within ${timeoutMs}ms: a schema change is in progress`,
              {},
              ['TransientTransactionError'],
            ),
          );
        }, timeoutMs);
      }
      this.queue.push(waiter);
    });
  }

  /** Grants waiters in order for as long as the first one can have the lock. */
  private grantWaiting(): void {
    while (this.queue.length > 0 && this.grantable(this.queue[0]!.mode)) {
      const next = this.queue.shift()!;
      if (next.timer) clearTimeout(next.timer);
      this.grant(next.owner, next.mode);
      next.resolve();
    }
  }
}
