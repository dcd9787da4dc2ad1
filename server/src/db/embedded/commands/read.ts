import { Query } from './mingo.js';
import type { Document } from 'bson';
import { CommandError, unsupported } from '../errors.js';
import { isPlainObject, keyOf, valuesAtPath, MISSING } from '../storage/keys.js';
import {
  checkCollation,
  checkOperators,
  collectionName,
  compileFilter,
  intOption,
  matchingDocuments,
  mingoOptions,
  sortDocuments,
} from './query.js';
import type { CommandContext, CommandTable } from './context.js';

const UNSUPPORTED_FIND_OPTIONS = ['tailable', 'awaitData', 'min', 'max', 'returnKey', 'showRecordId'];

/**
 * The top-level fields an inclusion projection keeps (`{ name: 1, grade: 1 }`, `_id` kept unless `_id: 0`), or
 * null when it asks for more than picking fields (paths, exclusions, operators, expressions).
 */
function pickedFields(projection: Document): { fields: Set<string>; id: boolean } | null {
  const fields = new Set<string>();
  let id = true;
  for (const [key, value] of Object.entries(projection)) {
    const include = value === true || (typeof value === 'number' && value !== 0);
    const exclude = value === false || value === 0;
    if (key === '_id' && (include || exclude)) id = include;
    else if (include && !key.includes('.') && !key.startsWith('$')) fields.add(key);
    else return null;
  }
  return fields.size > 0 ? { fields, id } : null;
}

/**
 * Applies a find-style projection: picking top-level fields directly (what the application's `select`s ask),
 * anything else by mingo, which implements MongoDB's projection rules.
 */
export function project(docs: Document[], projection: unknown, filter: Document | undefined): Document[] {
  if (!isPlainObject(projection) || Object.keys(projection).length === 0) return docs;
  const picked = pickedFields(projection);
  if (picked) {
    return docs.map((doc) => {
      const out: Document = {};
      for (const key of Object.keys(doc)) {
        if (key === '_id' ? picked.id : picked.fields.has(key)) out[key] = doc[key];
      }
      return out;
    });
  }
  checkOperators(projection, 'projection');
  // The documents already match: the filter is needed again only by a positional `field.$` projection.
  const positional = Object.keys(projection).some((k) => k.endsWith('.$'));
  return new Query(positional ? (filter ?? {}) : {}, mingoOptions).find(docs, projection).all() as Document[];
}

interface FindResult {
  ns: string;
  docs: Document[];
  singleBatch: boolean;
  filter: Document;
  /** The index answering the filter, or null for a collection scan (planned again: only explain asks). */
  index: () => string | null;
}

/** Runs a find command's query: filter (index-assisted), sort, skip, limit, projection. */
function runFind(ctx: CommandContext, cmd: Document, stats?: { examined: number }): FindResult {
  const name = collectionName(cmd, 'find');
  checkCollation(cmd);
  for (const option of UNSUPPORTED_FIND_OPTIONS)
    if (cmd[option]) throw unsupported(`The find option '${option}'`);
  const filter = (cmd.filter ?? {}) as Document;
  const view = ctx.view(name);
  let limit = intOption(cmd, 'limit', 0);
  let singleBatch = cmd.singleBatch === true;
  if (limit < 0) {
    limit = -limit;
    singleBatch = true;
  }
  const skip = intOption(cmd, 'skip', 0);
  if (skip < 0) throw new CommandError('BadValue', 'skip value must be non-negative');
  const sorted = isPlainObject(cmd.sort) && Object.keys(cmd.sort).length > 0;
  // Without a sort, matching can stop as soon as skip + limit documents are found.
  let docs = matchingDocuments(view, filter, sorted || limit === 0 ? 0 : skip + limit, stats);
  if (sorted) docs = sortDocuments(docs, cmd.sort);
  if (skip > 0 || limit > 0) docs = docs.slice(skip, limit > 0 ? skip + limit : undefined);
  docs = project(docs, cmd.projection, filter);
  return { ns: view.ns, docs, singleBatch, filter, index: () => view.plan(filter) };
}

export const readCommands: CommandTable = {
  find: {
    kind: 'read',
    run(ctx, cmd) {
      const { ns, docs, singleBatch } = runFind(ctx, cmd);
      const batchSize = cmd.batchSize === undefined ? undefined : intOption(cmd, 'batchSize', 101);
      return ctx.engine.cursors.first(ns, docs, batchSize, singleBatch);
    },
  },
  explain: {
    kind: 'read',
    run(ctx, cmd) {
      const inner = cmd.explain;
      if (!isPlainObject(inner) || Object.keys(inner)[0] !== 'find')
        throw unsupported('explain (other than of find)');
      const stats = { examined: 0 };
      const started = performance.now();
      const { ns, docs, filter, index: plan } = runFind(ctx, inner, stats);
      const index = plan();
      const scan = index === null;
      return {
        queryPlanner: {
          namespace: ns,
          parsedQuery: filter,
          winningPlan: scan
            ? { stage: 'COLLSCAN' }
            : { stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName: index } },
          rejectedPlans: [],
        },
        executionStats: {
          executionSuccess: true,
          nReturned: docs.length,
          executionTimeMillis: Math.round(performance.now() - started),
          totalKeysExamined: scan ? 0 : stats.examined,
          totalDocsExamined: stats.examined,
        },
        explainVersion: '1',
        command: inner,
        ok: 1,
      };
    },
  },
  getMore: {
    kind: 'read',
    run(ctx, cmd) {
      const id = Number(cmd.getMore);
      if (typeof cmd.collection !== 'string')
        throw new CommandError('BadValue', 'getMore needs a collection name');
      const batchSize = cmd.batchSize === undefined ? undefined : intOption(cmd, 'batchSize', 0);
      return ctx.engine.cursors.getMore(id, cmd.collection, ctx.db, batchSize);
    },
  },
  killCursors: {
    kind: 'admin',
    run(ctx, cmd) {
      const ids = Array.isArray(cmd.cursors) ? cmd.cursors.map(Number) : [];
      return ctx.engine.cursors.kill(ids);
    },
  },
  count: {
    kind: 'read',
    run(ctx, cmd) {
      const view = ctx.view(collectionName(cmd, 'count'));
      checkCollation(cmd);
      const query = cmd.query as Document | undefined;
      const skip = Math.max(0, intOption(cmd, 'skip', 0));
      const limit = Math.abs(intOption(cmd, 'limit', 0));
      let n: number;
      if (!query || Object.keys(query).length === 0) n = view.count();
      else n = matchingDocuments(view, query, limit > 0 ? skip + limit : 0).length;
      n = Math.max(0, n - skip);
      if (limit > 0) n = Math.min(n, limit);
      return { n, ok: 1 };
    },
  },
  distinct: {
    kind: 'read',
    run(ctx, cmd) {
      const view = ctx.view(collectionName(cmd, 'distinct'));
      checkCollation(cmd);
      if (typeof cmd.key !== 'string' || cmd.key.length === 0) {
        throw new CommandError('TypeMismatch', '"key" had the wrong type. Expected string');
      }
      compileFilter(cmd.query, 'query');
      const seen = new Map<string, unknown>();
      for (const doc of matchingDocuments(view, cmd.query as Document | undefined)) {
        for (const value of valuesAtPath(doc, cmd.key)) {
          if (value === MISSING || value === undefined) continue;
          const k = keyOf(value);
          if (!seen.has(k)) seen.set(k, value);
        }
      }
      const values = sortDocuments(
        [...seen.values()].map((v) => ({ v })),
        { v: 1 },
      ).map((d) => d.v);
      return { values, ok: 1 };
    },
  },
};
