import { ObjectId, type Document } from 'bson';
import { CommandError, toCommandError } from '../errors.js';
import { isPlainObject } from '../storage/keys.js';
import { BlockedByTransaction } from '../storage/overlay.js';
import type { CollectionView } from '../storage/views.js';
import type { CommandContext, CommandTable } from './context.js';
import { checkCollation, collectionName, matchingDocuments, matchingStored } from './query.js';
import { applyUpdate, checkUpdateStatement, upsertDocument, validateUpdate, withIdFirst } from './updates.js';

/** Validates and completes a document for insertion (adds an ObjectId _id when missing). */
export function prepareInsert(raw: unknown): Document {
  if (!isPlainObject(raw)) throw new CommandError('TypeMismatch', 'Inserted documents must be objects');
  const doc = raw._id === undefined ? { _id: new ObjectId(), ...raw } : withIdFirst(raw);
  if (Array.isArray(doc._id)) throw new CommandError('BadValue', "The '_id' value cannot be of type array");
  if (doc._id instanceof RegExp) throw new CommandError('BadValue', "can't use a regex for _id");
  return doc;
}

interface StatementResult {
  n: number;
  nModified?: number;
  upserted?: unknown;
}

/** Runs a write command's statements, collecting writeErrors (and stopping at the first when ordered). */
function runStatements(
  cmd: Document,
  statements: unknown,
  field: string,
  run: (statement: unknown, index: number) => StatementResult,
): Document {
  if (!Array.isArray(statements)) throw new CommandError('TypeMismatch', `'${field}' must be an array`);
  const ordered = cmd.ordered !== false;
  const writeErrors: Document[] = [];
  const upserted: Document[] = [];
  let n = 0;
  let nModified = 0;
  for (let i = 0; i < statements.length; i++) {
    try {
      const result = run(statements[i], i);
      n += result.n;
      nModified += result.nModified ?? 0;
      if (result.upserted !== undefined) upserted.push({ index: i, _id: result.upserted });
    } catch (err) {
      if (err instanceof BlockedByTransaction) throw err; // the whole command waits and runs again
      // A transient transaction error (WriteConflict) fails the command itself, as MongoDB reports it.
      if (err instanceof CommandError && err.errorLabels.length > 0) throw err;
      writeErrors.push(toCommandError(err).toWriteError(i));
      if (ordered) break;
    }
  }
  const reply: Document = { n };
  if (field === 'updates') reply.nModified = nModified;
  if (upserted.length > 0) reply.upserted = upserted;
  if (writeErrors.length > 0) reply.writeErrors = writeErrors;
  reply.ok = 1;
  return reply;
}

/** One update statement: matches, applies, or upserts. */
export function updateStatement(view: CollectionView, statement: Document): StatementResult {
  checkUpdateStatement(statement);
  const filter = (statement.q ?? {}) as Document;
  const u = statement.u;
  validateUpdate(u);
  const arrayFilters = statement.arrayFilters as Document[] | undefined;
  const matches = matchingDocuments(view, filter, statement.multi ? 0 : 1);
  if (matches.length === 0) {
    if (!statement.upsert) return { n: 0, nModified: 0 };
    const doc = upsertDocument(filter, u, arrayFilters);
    view.insert(doc);
    return { n: 1, nModified: 0, upserted: doc._id };
  }
  if (statement.multi && !Array.isArray(u) && !Object.keys(u)[0]?.startsWith('$')) {
    throw new CommandError('FailedToParse', 'multi update is not supported for replacement-style update');
  }
  let nModified = 0;
  for (const stored of matches) {
    const { doc, changed } = applyUpdate(stored, u, { filter, arrayFilters, inserting: false });
    if (!changed) continue;
    view.replace(doc);
    nModified++;
  }
  return { n: matches.length, nModified };
}

function collectionView(ctx: CommandContext, cmd: Document, command: string): CollectionView {
  checkCollation(cmd);
  return ctx.view(collectionName(cmd, command));
}

export const writeCommands: CommandTable = {
  insert: {
    kind: 'write',
    run(ctx, cmd) {
      const view = collectionView(ctx, cmd, 'insert');
      return runStatements(cmd, cmd.documents, 'documents', (raw) => {
        view.insert(prepareInsert(raw));
        return { n: 1 };
      });
    },
  },
  update: {
    kind: 'write',
    run(ctx, cmd) {
      const view = collectionView(ctx, cmd, 'update');
      return runStatements(cmd, cmd.updates, 'updates', (statement) => {
        if (!isPlainObject(statement))
          throw new CommandError('TypeMismatch', 'update statements must be objects');
        return updateStatement(view, statement);
      });
    },
  },
  delete: {
    kind: 'write',
    run(ctx, cmd) {
      const view = collectionView(ctx, cmd, 'delete');
      return runStatements(cmd, cmd.deletes, 'deletes', (statement) => {
        if (!isPlainObject(statement))
          throw new CommandError('TypeMismatch', 'delete statements must be objects');
        if (statement.collation) checkCollation(statement);
        const limit = Number(statement.limit ?? 0);
        if (limit !== 0 && limit !== 1)
          throw new CommandError('BadValue', 'The limit field in delete objects must be 0 or 1');
        // Removing needs only each match's _id, read with the filter's fields.
        const matches = matchingStored(view, (statement.q ?? {}) as Document, limit, undefined, ['_id']);
        for (const { fields } of matches) view.remove(fields);
        return { n: matches.length };
      });
    },
  },
};
