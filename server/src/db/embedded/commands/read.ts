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
  matchingStored,
  mingoOptions,
  sortBy,
  sortDocuments,
  sortFields,
  wholeOf,
  type Match,
} from './query.js';
import { FieldSelection, isStored, readFields, type Candidate } from '../storage/bsonBytes.js';
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

function pick(doc: Document, picked: { fields: Set<string>; id: boolean }): Document {
  const out: Document = {};
  for (const key of Object.keys(doc)) {
    if (key === '_id' ? picked.id : picked.fields.has(key)) out[key] = doc[key];
  }
  return out;
}

/**
 * A find's documents as the reply carries them: without a projection, stored documents as their bytes (written
 * into the reply as they are); picked fields read from the bytes alone; any other projection on whole documents.
 */
function projectMatches(matches: Match[], projection: unknown, filter: Document): Candidate[] {
  if (!isPlainObject(projection) || Object.keys(projection).length === 0) return matches.map((m) => m.stored);
  const picked = pickedFields(projection);
  if (picked) {
    const read = new FieldSelection(picked.id ? ['_id', ...picked.fields] : picked.fields);
    return matches.map((m) => (isStored(m.stored) ? readFields(m.stored, read) : pick(m.stored, picked)));
  }
  return project(matches.map(wholeOf), projection, filter);
}

/**
 * Applies a find-style projection: picking top-level fields directly (what the application's `select`s ask),
 * anything else by mingo, which implements MongoDB's projection rules.
 */
export function project(docs: Document[], projection: unknown, filter: Document | undefined): Document[] {
  if (!isPlainObject(projection) || Object.keys(projection).length === 0) return docs;
  const picked = pickedFields(projection);
  if (picked) return docs.map((doc) => pick(doc, picked));
  checkOperators(projection, 'projection');
  // The documents already match: the filter is needed again only by a positional `field.$` projection.
  const positional = Object.keys(projection).some((k) => k.endsWith('.$'));
  return new Query(positional ? (filter ?? {}) : {}, mingoOptions).find(docs, projection).all() as Document[];
}

interface FindResult {
  ns: string;
  docs: Candidate[];
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
  // A sort reads its fields from each match's bytes with the filter's; only the page is sent, as stored.
  let matches = matchingStored(
    view,
    filter,
    sorted || limit === 0 ? 0 : skip + limit,
    stats,
    sorted ? sortFields(cmd.sort) : [],
  );
  if (sorted) matches = sortBy(matches, cmd.sort, (m) => m.fields);
  if (skip > 0 || limit > 0) matches = matches.slice(skip, limit > 0 ? skip + limit : undefined);
  const docs = projectMatches(matches, cmd.projection, filter);
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
      else n = matchingStored(view, query, limit > 0 ? skip + limit : 0).length;
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
      const key = cmd.key as string;
      const matches = matchingStored(view, cmd.query as Document | undefined, 0, undefined, [
        key.split('.')[0]!,
      ]);
      for (const { fields } of matches) {
        for (const value of valuesAtPath(fields, key)) {
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
