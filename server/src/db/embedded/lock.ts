import { CommandError } from './errors.js';

interface Waiter {
  owner: object;
  resolve: () => void;
  reject: (err: Error) => void;
  timer?: NodeJS.Timeout;
}

/**
 * The single write lock: a writing command holds it for its duration, a transaction from its first operation
 * to commit or abort. Waiters are served first come, first served.
 */
export class WriteLock {
  private holder: object | null = null;
  private readonly queue: Waiter[] = [];

  get heldBy(): object | null {
    return this.holder;
  }

  /** Waits for the lock; rejects with a TransientTransactionError after `timeoutMs` when given. */
  acquire(owner: object, timeoutMs?: number): Promise<void> {
    if (this.holder === owner) return Promise.resolve();
    if (this.holder === null && this.queue.length === 0) {
      this.holder = owner;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { owner, resolve, reject };
      if (timeoutMs !== undefined) {
        waiter.timer = setTimeout(() => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(
            new CommandError(
              'LockTimeout',
              `Unable to acquire the write lock within ${timeoutMs}ms: another transaction is in progress`,
              {},
              ['TransientTransactionError'],
            ),
          );
        }, timeoutMs);
      }
      this.queue.push(waiter);
    });
  }

  /** Tries to take the lock without waiting. */
  tryAcquire(owner: object): boolean {
    if (this.holder === owner) return true;
    if (this.holder !== null || this.queue.length > 0) return false;
    this.holder = owner;
    return true;
  }

  release(owner: object): void {
    if (this.holder !== owner) return;
    this.holder = null;
    const next = this.queue.shift();
    if (next) {
      if (next.timer) clearTimeout(next.timer);
      this.holder = next.owner;
      next.resolve();
    }
  }
}
