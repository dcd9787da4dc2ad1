import type { Document } from 'bson';
import { CommandError } from './errors.js';
import type { TransactionLock } from './lock.js';
import { ActiveTransactions } from './storage/activeTransactions.js';
import { splitNs, type Catalog, type StorageOp } from './storage/catalog.js';
import { keyOf } from './storage/keys.js';
import { Overlay, type ActiveTransaction } from './storage/overlay.js';
import { TransactionView } from './storage/transactionView.js';

/** logicalSessionTimeoutMinutes, as announced in hello. */
const SESSION_TIMEOUT_MS = 30 * 60_000;
/** MongoDB's default transactionLifetimeLimitSeconds. */
const LIFETIME_MS = 60_000;
/** How long a starting transaction waits for DDL (or the TTL monitor) to finish before a transient error. */
const LOCK_WAIT_MS = 5_000;

type TxnState = 'active' | 'committed' | 'aborted';

/**
 * One multi-document transaction: an overlay per collection. It holds the transaction lock shared while active
 * (DDL waits for it); other transactions and committed writes go on around it.
 */
export class Transaction implements ActiveTransaction {
  state: TxnState = 'active';
  readonly overlays = new Map<string, Overlay>();
  lifetime?: NodeJS.Timeout;
  /** Settles once the commit's writes are in the journal (or failed to be): a retried commit answers then. */
  durable?: Promise<void>;
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

  overlayIn(ns: string): Overlay | undefined {
    return this.overlays.get(ns);
  }

  view(catalog: Catalog, db: string, name: string, active: ActiveTransactions): TransactionView {
    return new TransactionView(catalog, db, name, this.overlayFor(`${db}.${name}`), this, active);
  }

  /** Marks the transaction over and wakes the writes waiting for it. */
  end(state: 'committed' | 'aborted'): void {
    this.state = state;
    this.overlays.clear();
    if (this.lifetime) clearTimeout(this.lifetime);
    this.settle();
  }

  commitOps(catalog: Catalog, active: ActiveTransactions): StorageOp[] {
    const ops: StorageOp[] = [];
    for (const ns of this.overlays.keys()) {
      const [db, name] = splitNs(ns);
      ops.push(...this.view(catalog, db, name, active).commitOps());
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

/**
 * Logical sessions and their transactions, as the driver drives them (lsid, txnNumber, autocommit:false). Any
 * number of transactions are active together, each on its own snapshot.
 */
export class Sessions {
  private readonly sessions = new Map<string, SessionState>();
  /** The transactions in progress, whose pending writes others' writes must not touch. */
  readonly active = new ActiveTransactions<Transaction>();

  constructor(private readonly lock: TransactionLock) {}

  /** The active transaction a command belongs to, starting it (its snapshot begins now) on startTransaction. */
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
        await this.lock.share(txn, LOCK_WAIT_MS);
      } catch (err) {
        txn.end('aborted');
        throw err;
      }
      if (txn.state !== 'active') {
        this.lock.release(txn); // ended (endSessions) while it waited
        throw noSuchTransaction(txnNumber);
      }
      this.active.add(txn);
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

  /**
   * Commits a transaction in one synchronous step: every other active transaction keeps, in its snapshot, the
   * committed versions this replaces, then the writes are applied. Returns the storage ops to journal.
   */
  commit(txn: Transaction, catalog: Catalog): StorageOp[] {
    const ops = txn.commitOps(catalog, this.active);
    for (const op of ops) {
      if (op.k === 'put' || op.k === 'del') {
        const id = keyOf(op.k === 'put' ? op.doc._id : op.id);
        const [db, name] = splitNs(op.ns);
        this.active.preserve(op.ns, id, catalog.collection(db, name)?.get(id), txn);
      }
      catalog.apply(op);
    }
    this.finish(txn, 'committed');
    return ops;
  }

  /** Ends a transaction, waking the writes waiting for it. */
  finish(txn: Transaction, state: 'committed' | 'aborted'): void {
    if (txn.state !== 'active') return;
    this.active.delete(txn);
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
