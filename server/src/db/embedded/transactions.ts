import type { Document } from 'bson';
import { CommandError } from './errors.js';
import type { WriteLock } from './lock.js';
import type { Catalog, StorageOp } from './storage/catalog.js';
import { Overlay, type ActiveTransaction } from './storage/overlay.js';
import { TransactionView } from './storage/transactionView.js';

/** logicalSessionTimeoutMinutes, as announced in hello. */
const SESSION_TIMEOUT_MS = 30 * 60_000;
/** MongoDB's default transactionLifetimeLimitSeconds. */
const LIFETIME_MS = 60_000;
/** How long a transaction waits for another one to finish before failing with a transient error. */
const LOCK_WAIT_MS = 5_000;

type TxnState = 'active' | 'committed' | 'aborted';

/**
 * One multi-document transaction: an overlay per collection. It holds the transaction lock while active
 * (transactions and DDL run one at a time); committed writes by others go on around it.
 */
export class Transaction implements ActiveTransaction {
  state: TxnState = 'active';
  readonly overlays = new Map<string, Overlay>();
  lifetime?: NodeJS.Timeout;
  readonly finished: Promise<void>;
  private settle!: () => void;

  constructor(readonly txnNumber: number) {
    this.finished = new Promise<void>((resolve) => (this.settle = resolve));
  }

  overlayFor(ns: string): Overlay {
    let overlay = this.overlays.get(ns);
    if (!overlay) this.overlays.set(ns, (overlay = new Overlay()));
    return overlay;
  }

  view(catalog: Catalog, db: string, name: string): TransactionView {
    return new TransactionView(catalog, db, name, this.overlayFor(`${db}.${name}`));
  }

  /** Marks the transaction over and wakes the writes waiting for it. */
  end(state: 'committed' | 'aborted'): void {
    this.state = state;
    this.overlays.clear();
    if (this.lifetime) clearTimeout(this.lifetime);
    this.settle();
  }

  commitOps(catalog: Catalog): StorageOp[] {
    const ops: StorageOp[] = [];
    for (const ns of this.overlays.keys()) {
      const dot = ns.indexOf('.');
      ops.push(...this.view(catalog, ns.slice(0, dot), ns.slice(dot + 1)).commitOps());
    }
    return ops;
  }
}

interface SessionState {
  txnNumber: number;
  txn?: Transaction;
  lastUsed: number;
}

function noSuchTransaction(txnNumber: number, why = ''): CommandError {
  return new CommandError(
    'NoSuchTransaction',
    `Transaction with { txnNumber: ${txnNumber} } has been aborted${why}`,
    {},
    ['TransientTransactionError'],
  );
}

/** Logical sessions and their transactions, as the driver drives them (lsid, txnNumber, autocommit:false). */
export class Sessions {
  private readonly sessions = new Map<string, SessionState>();

  constructor(private readonly lock: WriteLock) {}

  /** The active transaction a command belongs to, starting it (and taking the write lock) on startTransaction. */
  async enter(cmd: Document): Promise<Transaction> {
    const key = sessionKey(cmd.lsid);
    if (!key)
      throw new CommandError('InvalidOptions', 'Transaction commands need a logical session id (lsid)');
    const txnNumber = Number(cmd.txnNumber);
    if (!Number.isFinite(txnNumber))
      throw new CommandError('InvalidOptions', 'autocommit:false requires a txnNumber');
    let session = this.sessions.get(key);
    if (!session) this.sessions.set(key, (session = { txnNumber: -1, lastUsed: Date.now() }));
    session.lastUsed = Date.now();
    if (txnNumber < session.txnNumber) {
      throw new CommandError(
        'TransactionTooOld',
        `txnNumber ${txnNumber} is older than ${session.txnNumber}`,
      );
    }
    if (cmd.startTransaction === true) {
      if (txnNumber === session.txnNumber && session.txn) {
        throw new CommandError('ConflictingOperationInProgress', `Transaction ${txnNumber} already started`);
      }
      if (session.txn?.state === 'active') this.finish(session.txn, 'aborted');
      const txn = new Transaction(txnNumber);
      session.txnNumber = txnNumber;
      session.txn = txn;
      try {
        await this.lock.acquire(txn, LOCK_WAIT_MS);
      } catch (err) {
        txn.end('aborted');
        throw err;
      }
      if (txn.state !== 'active') {
        this.lock.release(txn); // ended (endSessions) while it waited
        throw noSuchTransaction(txnNumber);
      }
      txn.lifetime = setTimeout(() => this.finish(txn, 'aborted'), LIFETIME_MS);
      txn.lifetime.unref();
      return txn;
    }
    const txn = session.txn;
    if (!txn || txnNumber !== session.txnNumber) throw noSuchTransaction(txnNumber);
    if (txn.state === 'committed') {
      throw new CommandError('TransactionCommitted', `Transaction ${txnNumber} has been committed.`);
    }
    if (txn.state !== 'active') throw noSuchTransaction(txnNumber);
    return txn;
  }

  /** The transaction commitTransaction/abortTransaction names, whatever its state. */
  find(cmd: Document): Transaction | undefined {
    const key = sessionKey(cmd.lsid);
    const session = key ? this.sessions.get(key) : undefined;
    if (!session || session.txnNumber !== Number(cmd.txnNumber)) return undefined;
    return session.txn;
  }

  /** Ends a transaction and hands the write lock on. */
  finish(txn: Transaction, state: 'committed' | 'aborted'): void {
    if (txn.state !== 'active') return;
    txn.end(state);
    this.lock.release(txn);
  }

  /** endSessions: aborts their open transactions and forgets them. */
  end(lsids: unknown[]): void {
    for (const lsid of lsids) {
      const key = sessionKey(lsid);
      if (!key) continue;
      const session = this.sessions.get(key);
      if (session?.txn) this.finish(session.txn, 'aborted');
      this.sessions.delete(key);
    }
  }

  /** Forgets sessions idle longer than logicalSessionTimeoutMinutes (their clients are gone). */
  sweep(now = Date.now()): void {
    for (const [key, session] of this.sessions) {
      if (session.lastUsed < now - SESSION_TIMEOUT_MS && session.txn?.state !== 'active')
        this.sessions.delete(key);
    }
  }

  abortAll(): void {
    for (const session of this.sessions.values()) if (session.txn) this.finish(session.txn, 'aborted');
    this.sessions.clear();
  }
}

function sessionKey(lsid: unknown): string | undefined {
  const id = (lsid as { id?: { buffer?: Uint8Array } } | undefined)?.id;
  if (!id?.buffer) return undefined;
  return Buffer.from(id.buffer).toString('hex');
}
