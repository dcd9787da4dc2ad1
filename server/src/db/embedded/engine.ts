import type { Document } from 'bson';
import { CommandError, toCommandError } from './errors.js';
import { commands } from './commands/index.js';
import type { CommandContext, CommandSpec, EngineState } from './commands/context.js';
import { Cursors } from './cursors.js';
import { TransactionLock } from './lock.js';
import { Catalog, validateNames, type StorageOp } from './storage/catalog.js';
import { CommittedView, WriteLog } from './storage/committedView.js';
import { BlockedByTransaction } from './storage/overlay.js';
import type { CollectionView } from './storage/views.js';
import { Sessions, type Transaction } from './transactions.js';

/** Persists storage ops before a write is acknowledged (the journal); in-memory engines skip it. */
export type Persist = (ops: StorageOp[]) => Promise<void>;

/** The engine's state and command dispatcher, independent of the network. */
export class Engine implements EngineState {
  readonly catalog = new Catalog();
  readonly cursors = new Cursors();
  /** Held shared by each transaction from its first statement to its end, exclusively by DDL and the TTL monitor. */
  readonly lock = new TransactionLock();
  readonly sessions = new Sessions(this.lock);
  readonly startedAt = Date.now();
  address = '127.0.0.1:0';
  persist: Persist = async () => {};
  private readonly sessionSweeper = setInterval(() => this.sessions.sweep(), 60_000).unref();

  /** Runs one command and returns its reply document (errors become `{ ok: 0, ... }`). */
  async execute(db: string, cmd: Document, connectionId: number): Promise<Document> {
    try {
      return await this.dispatch(db, cmd, connectionId);
    } catch (err) {
      return toCommandError(err).toReply();
    }
  }

  private async dispatch(db: string, cmd: Document, connectionId: number): Promise<Document> {
    const name = Object.keys(cmd)[0] ?? '';
    const spec = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
    if (!spec) throw new CommandError('CommandNotFound', `no such command: '${name}'`);
    validateNames(db);

    if (cmd.autocommit === false && spec.kind !== 'session' && spec.kind !== 'admin') {
      if (spec.kind === 'ddl') {
        throw new CommandError(
          'OperationNotSupportedInTransaction',
          `Cannot run '${name}' in a multi-document transaction.`,
        );
      }
      return this.inTransaction(spec, db, cmd, connectionId);
    }
    if (spec.kind === 'write') return this.committedWrite(spec, db, cmd, connectionId);
    if (spec.kind === 'ddl') {
      const owner = {};
      await this.lock.acquire(owner);
      try {
        return await this.committedWrite(spec, db, cmd, connectionId);
      } finally {
        this.lock.release(owner);
      }
    }
    return await spec.run(this.context(db, connectionId, new WriteLog(this.catalog)), cmd);
  }

  private async inTransaction(
    spec: CommandSpec,
    db: string,
    cmd: Document,
    connectionId: number,
  ): Promise<Document> {
    const txn = await this.sessions.enter(cmd);
    try {
      const reply = await spec.run(this.context(db, connectionId, new WriteLog(this.catalog), txn), cmd);
      // MongoDB aborts a transaction whose statement failed.
      if (Array.isArray(reply.writeErrors) && reply.writeErrors.length > 0)
        this.sessions.finish(txn, 'aborted');
      return reply;
    } catch (err) {
      this.sessions.finish(txn, 'aborted');
      throw err;
    }
  }

  /**
   * Runs a write on committed state. It is applied and journaled in one synchronous step (so the journal keeps
   * the order of memory); if it touches what a transaction in progress holds, it is taken back, waits for that
   * transaction to end, and runs again.
   */
  private async committedWrite(
    spec: CommandSpec,
    db: string,
    cmd: Document,
    connectionId: number,
  ): Promise<Document> {
    for (;;) {
      const log = new WriteLog(this.catalog, this.sessions.active);
      let reply: Document | Promise<Document> | undefined;
      let failure: unknown;
      let blocked: Promise<void> | undefined;
      try {
        reply = spec.run(this.context(db, connectionId, log), cmd);
        if (reply instanceof Promise)
          throw new Error(`write command ${Object.keys(cmd)[0]} must run synchronously`);
      } catch (err) {
        if (err instanceof BlockedByTransaction) {
          log.rollback();
          blocked = err.finished;
        } else failure = err;
      }
      // Whatever stays applied (even before an error) is journaled before the reply leaves.
      if (log.ops.length > 0) await this.persist(log.ops);
      if (blocked) {
        await blocked;
        continue;
      }
      if (failure !== undefined) throw failure;
      return reply as Document;
    }
  }

  private context(db: string, connectionId: number, log: WriteLog, txn?: Transaction): CommandContext {
    const { catalog, sessions } = this;
    return {
      engine: this,
      db,
      connectionId,
      txn,
      log,
      view(collection: string): CollectionView {
        validateNames(db, collection);
        return txn
          ? txn.view(catalog, db, collection, sessions.active)
          : new CommittedView(catalog, db, collection, log);
      },
    };
  }

  close(): void {
    clearInterval(this.sessionSweeper);
    this.sessions.abortAll();
    this.cursors.close();
  }
}
