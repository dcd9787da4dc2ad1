import type { Document } from 'bson';
import type { Cursors } from '../cursors.js';
import type { TransactionLock } from '../lock.js';
import type { Catalog, StorageOp } from '../storage/catalog.js';
import type { WriteLog } from '../storage/committedView.js';
import type { CollectionView } from '../storage/views.js';
import type { Sessions, Transaction } from '../transactions.js';

/** What the engine shares with every command. */
export interface EngineState {
  readonly catalog: Catalog;
  readonly cursors: Cursors;
  readonly sessions: Sessions;
  readonly lock: TransactionLock;
  /** host:port the server answers on (for hello). */
  readonly address: string;
  readonly startedAt: number;
  /** Makes storage ops durable (journal) before a write is acknowledged. */
  persist(ops: StorageOp[]): Promise<void>;
}

/** One command's execution context. */
export interface CommandContext {
  readonly engine: EngineState;
  readonly db: string;
  readonly connectionId: number;
  /** The transaction the command runs in, if any. */
  readonly txn?: Transaction;
  /** What this command changed in committed state (outside a transaction), journaled before replying. */
  readonly log: WriteLog;
  view(collection: string): CollectionView;
}

/**
 * How a command runs: `read` needs no lock; `write` changes documents (synchronously: it must return its reply,
 * not a promise), waiting only for a transaction holding what it touches; `ddl` waits for every transaction to
 * end (the transaction lock, exclusively) and is refused in transactions; `admin` runs anywhere; `session`
 * handles commit/abort itself.
 */
export type CommandKind = 'read' | 'write' | 'ddl' | 'admin' | 'session';

export interface CommandSpec {
  kind: CommandKind;
  run(ctx: CommandContext, cmd: Document): Document | Promise<Document>;
}

export type CommandTable = Record<string, CommandSpec>;
