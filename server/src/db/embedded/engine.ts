import type { Document } from 'bson';
import { CommandError, toCommandError } from './errors.js';
import { commands } from './commands/index.js';
import type { CommandContext, EngineState } from './commands/context.js';
import { Cursors } from './cursors.js';
import { WriteLock } from './lock.js';
import { Catalog, validateNames, type StorageOp } from './storage/catalog.js';
import { CommittedView, type CollectionView } from './storage/views.js';
import { Sessions, type Transaction } from './transactions.js';

/** Persists storage ops before a write is acknowledged (the journal); in-memory engines skip it. */
export type Persist = (ops: StorageOp[]) => Promise<void>;

/** The engine's state and command dispatcher, independent of the network. */
export class Engine implements EngineState {
  readonly catalog = new Catalog();
  readonly cursors = new Cursors();
  readonly lock = new WriteLock();
  readonly sessions = new Sessions(this.lock);
  readonly startedAt = Date.now();
  address = '127.0.0.1:0';
  persist: Persist = async () => {};

  /** Runs one command and returns its reply document (errors become `{ ok: 0, ... }`). */
  async execute(db: string, cmd: Document, connectionId: number): Promise<Document> {
    try {
      return await this.dispatch(db, cmd, connectionId);
    } catch (err) {
      const error = toCommandError(err);
      return error.toReply();
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
      const txn = await this.sessions.enter(cmd);
      try {
        const reply = await spec.run(this.context(db, connectionId, [], txn), cmd);
        // MongoDB aborts a transaction whose statement failed.
        if (Array.isArray(reply.writeErrors) && reply.writeErrors.length > 0)
          this.sessions.finish(txn, 'aborted');
        return reply;
      } catch (err) {
        this.sessions.finish(txn, 'aborted');
        throw err;
      }
    }

    if (spec.kind === 'write' || spec.kind === 'ddl') {
      const owner = {};
      await this.lock.acquire(owner);
      const ops: StorageOp[] = [];
      let durable: Promise<void> | undefined;
      try {
        const reply = await spec.run(this.context(db, connectionId, ops), cmd);
        return reply;
      } finally {
        // Whatever was applied (even before an error) is journaled before the reply leaves.
        if (ops.length > 0) durable = this.persist(ops);
        this.lock.release(owner);
        if (durable) await durable;
      }
    }
    return await spec.run(this.context(db, connectionId, []), cmd);
  }

  private context(db: string, connectionId: number, ops: StorageOp[], txn?: Transaction): CommandContext {
    const catalog = this.catalog;
    return {
      engine: this,
      db,
      connectionId,
      txn,
      ops,
      view(collection: string): CollectionView {
        validateNames(db, collection);
        return txn ? txn.view(catalog, db, collection) : new CommittedView(catalog, db, collection, ops);
      },
    };
  }

  close(): void {
    this.sessions.abortAll();
    this.cursors.close();
  }
}
