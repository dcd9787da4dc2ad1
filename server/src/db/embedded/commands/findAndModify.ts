import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import { isPlainObject } from '../storage/keys.js';
import type { CommandTable } from './context.js';
import { checkCollation, collectionName, matchingDocuments, sortDocuments } from './query.js';
import { project } from './read.js';
import { applyUpdate, upsertDocument, validateUpdate } from './updates.js';

export const findAndModifyCommands: CommandTable = {
  findAndModify: {
    kind: 'write',
    run(ctx, cmd) {
      const view = ctx.view(collectionName(cmd, 'findAndModify'));
      checkCollation(cmd);
      const filter = (cmd.query ?? {}) as Document;
      if (!isPlainObject(filter)) throw new CommandError('TypeMismatch', "'query' must be an object");
      const remove = cmd.remove === true;
      if (remove === (cmd.update !== undefined)) {
        throw new CommandError('FailedToParse', 'Either an update or remove=true must be specified');
      }
      if (remove && (cmd.upsert || cmd.new)) {
        throw new CommandError('FailedToParse', 'Cannot specify both an update and remove=true');
      }
      const sorted = isPlainObject(cmd.sort) && Object.keys(cmd.sort).length > 0;
      const matches = matchingDocuments(view, filter, sorted ? 0 : 1);
      const target = sorted ? sortDocuments(matches, cmd.sort)[0] : matches[0];
      const shape = (doc: Document | undefined) =>
        doc ? (project([doc], cmd.fields, filter)[0] ?? null) : null;

      if (remove) {
        if (target) view.remove(target);
        return { lastErrorObject: { n: target ? 1 : 0 }, value: shape(target), ok: 1 };
      }
      const u = cmd.update;
      validateUpdate(u);
      const arrayFilters = cmd.arrayFilters as Document[] | undefined;
      if (!target) {
        if (!cmd.upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
        const doc = upsertDocument(filter, u, arrayFilters);
        view.insert(doc);
        return {
          lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
          value: cmd.new ? shape(doc) : null,
          ok: 1,
        };
      }
      const { doc, changed } = applyUpdate(target, u, { filter, arrayFilters, inserting: false });
      if (changed) view.replace(doc);
      return {
        lastErrorObject: { n: 1, updatedExisting: true },
        value: shape(cmd.new ? doc : target),
        ok: 1,
      };
    },
  },
};
