import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import type { CommandTable } from './context.js';

export const sessionCommands: CommandTable = {
  commitTransaction: {
    kind: 'session',
    async run(ctx, cmd) {
      const { sessions, catalog } = ctx.engine;
      const txn = sessions.find(cmd);
      const txnNumber = Number(cmd.txnNumber);
      if (txn?.state === 'committed') {
        // A retried commit: it answers as the first does, once the writes are durable (or with its error).
        await txn.durable;
        return { ok: 1 };
      }
      if (!txn || txn.state !== 'active') {
        throw new CommandError(
          'NoSuchTransaction',
          `Transaction with { txnNumber: ${txnNumber} } has been aborted.`,
          {},
          ['TransientTransactionError'],
        );
      }
      // Applied and handed to the journal in one synchronous step, so the journal keeps the order of memory.
      const ops = sessions.commit(txn, catalog);
      txn.durable = ctx.engine.persist(ops);
      await txn.durable;
      return { ok: 1 };
    },
  },
  abortTransaction: {
    kind: 'session',
    run(ctx, cmd: Document) {
      const { sessions } = ctx.engine;
      const txn = sessions.find(cmd);
      if (!txn || txn.state === 'aborted') {
        throw new CommandError(
          'NoSuchTransaction',
          `Transaction with { txnNumber: ${Number(cmd.txnNumber)} } has been aborted.`,
        );
      }
      if (txn.state === 'committed') {
        throw new CommandError(
          'TransactionCommitted',
          `Transaction with { txnNumber: ${Number(cmd.txnNumber)} } has been committed.`,
        );
      }
      sessions.finish(txn, 'aborted');
      return { ok: 1 };
    },
  },
};
