import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import { copyState } from '../durability/snapshot.js';
import { encodeWithDocument } from '../storage/bsonBytes.js';
import type { CommandTable } from './context.js';
import { intOption } from './query.js';

/** The namespace of the cursor `consistentSnapshot` opens (getMore names it, as for listCollections). */
export const SNAPSHOT_CURSOR_NS = 'admin.$cmd.consistentSnapshot';

/**
 * `consistentSnapshot` (admin database only): committed state as of one instant, for `npm run backup` and
 * `npm run migrate` against a running engine. It opens a cursor over `{ begin: { takenAt, collections } }`, then
 * for each collection in turn
 * `{ collection: { ns, options, uuid, indexes, count } }` followed by that many `{ ns, doc }`, and last
 * `{ end: { takenAt, collections, docs } }`, so a reader knows it got everything. The copy is taken in one
 * synchronous step (stored documents are immutable and shared), so writes going on beside it are either wholly in
 * it or wholly out, and a transaction's writes only once committed. The engine listens on 127.0.0.1 only and
 * already serves every document to a local client, so this reveals nothing more.
 */
export const snapshotCommands: CommandTable = {
  consistentSnapshot: {
    kind: 'read',
    run(ctx, cmd) {
      if (ctx.db !== 'admin') {
        throw new CommandError(
          'Unauthorized',
          'consistentSnapshot may only be run against the admin database',
        );
      }
      if (ctx.txn)
        throw new CommandError('OperationNotSupportedInTransaction', 'consistentSnapshot runs alone');
      const state = copyState(ctx.engine.catalog, 0);
      const takenAt = new Date();
      // Documents go out as `{ ns, doc }` written from their stored bytes (no decoding).
      const entries: Array<Document | Buffer> = [{ begin: { takenAt, collections: state.collections.length } }];
      let docs = 0;
      for (const { docs: stored, ...meta } of state.collections) {
        entries.push({ collection: { ...meta, count: stored.length } });
        for (const bytes of stored) entries.push(encodeWithDocument({ ns: meta.ns }, 'doc', bytes));
        docs += stored.length;
      }
      entries.push({ end: { takenAt, collections: state.collections.length, docs } });
      const batchSize = cmd.batchSize === undefined ? undefined : intOption(cmd, 'batchSize', 101);
      return ctx.engine.cursors.first(SNAPSHOT_CURSOR_NS, entries, batchSize);
    },
  },
};
