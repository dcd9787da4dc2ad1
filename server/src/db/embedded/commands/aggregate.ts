import { Aggregator } from './mingo.js';
import type { Document } from 'bson';
import { CommandError, badValue, unsupported } from '../errors.js';
import { FieldSelection, isStored, readFields, wholeDocument, type Candidate } from '../storage/bsonBytes.js';
import { cloneDocument, isPlainObject } from '../storage/keys.js';
import type { CommandContext, CommandTable } from './context.js';
import { checkCollation, checkOperators, intOption, matchingStored, mingoOptions } from './query.js';

/** Stages mingo implements and the engine accepts. */
const SUPPORTED_STAGES = new Set([
  '$addFields',
  '$bucket',
  '$bucketAuto',
  '$count',
  '$densify',
  '$documents',
  '$facet',
  '$fill',
  '$graphLookup',
  '$group',
  '$limit',
  '$lookup',
  '$match',
  '$project',
  '$redact',
  '$replaceRoot',
  '$replaceWith',
  '$sample',
  '$set',
  '$setWindowFields',
  '$skip',
  '$sort',
  '$sortByCount',
  '$unionWith',
  '$unset',
  '$unwind',
]);

/** Stages that never modify their input documents, so they can run over stored documents without copying. */
const READ_ONLY_STAGES = new Set([
  '$match',
  '$group',
  '$count',
  '$sort',
  '$skip',
  '$limit',
  '$project',
  '$sortByCount',
]);

function checkPipeline(pipeline: unknown): Document[] {
  if (!Array.isArray(pipeline))
    throw new CommandError('TypeMismatch', "'pipeline' option must be specified as an array");
  for (const stage of pipeline) {
    if (!isPlainObject(stage) || Object.keys(stage).length !== 1) {
      throw new CommandError(
        'BadValue',
        'A pipeline stage specification object must contain exactly one field.',
      );
    }
    const name = Object.keys(stage)[0]!;
    if (!SUPPORTED_STAGES.has(name)) {
      if (
        name.startsWith('$') &&
        [
          '$out',
          '$merge',
          '$changeStream',
          '$geoNear',
          '$search',
          '$searchMeta',
          '$collStats',
          '$indexStats',
          '$currentOp',
          '$listSessions',
          '$planCacheStats',
          '$listLocalSessions',
        ].includes(name)
      ) {
        throw unsupported(`The ${name} aggregation stage`);
      }
      throw new CommandError('InvalidPipelineOperator', `Unrecognized pipeline stage name: '${name}'`);
    }
    const spec = stage[name];
    if (name === '$lookup' || name === '$unionWith' || name === '$graphLookup' || name === '$facet') {
      for (const nested of nestedPipelines(name, spec)) checkPipeline(nested);
    }
  }
  checkOperators(pipeline, 'aggregation pipeline');
  return pipeline as Document[];
}

function nestedPipelines(stage: string, spec: unknown): unknown[] {
  if (!isPlainObject(spec)) return [];
  if (stage === '$facet') return Object.values(spec);
  return spec.pipeline ? [spec.pipeline] : [];
}

/** A document the pipeline may change: decoded from its bytes (a fresh object), or a copy of an object. */
function ownCopy(doc: Candidate): Document {
  return isStored(doc) ? wholeDocument(doc) : cloneDocument(doc);
}

/** Operators that name fields other than by `$path` strings (or read any), so a pipeline using them reads all. */
const READS_ANY_FIELD = new Set([
  '$getField',
  '$setField',
  '$unsetField',
  '$function',
  '$accumulator',
  '$top',
  '$bottom',
  '$topN',
  '$bottomN',
]);

/**
 * The top-level fields of its input a pipeline reads, when its first stage replaces each document by values
 * computed from field paths (`$group`, `$sortByCount`, `$count`): those are all the documents need to hold.
 * Null when it may read any field (`$$ROOT`, `$getField`, another first stage).
 */
function inputFields(rest: Document[]): Set<string> | null {
  const stage = rest[0]!;
  const name = Object.keys(stage)[0]!;
  if (name === '$count') return new Set();
  if (name !== '$group' && name !== '$sortByCount') return null;
  const fields = new Set<string>();
  const visit = (value: unknown): boolean => {
    if (typeof value === 'string') {
      if (value.startsWith('$$')) return !/^\$\$(ROOT|CURRENT)\b/.test(value);
      if (value.startsWith('$')) fields.add(value.slice(1).split('.')[0]!);
      return true;
    }
    if (Array.isArray(value)) return value.every(visit);
    if (isPlainObject(value))
      return Object.entries(value).every(([key, inner]) => !READS_ANY_FIELD.has(key) && visit(inner));
    return true;
  };
  return visit(stage[name]) ? fields : null;
}

/**
 * A `$group` that only counts its input under a constant key, `{ _id: <number, boolean or null>, n: { $sum: 1 } }`:
 * what a count sends (mongoose's countDocuments). Its answer is one document with the number of its input, or
 * none for no input (as `$group` gives): no Aggregator is needed.
 */
function countingGroup(stage: Document): { id: unknown; name: string } | null {
  const group = stage.$group as unknown;
  if (Object.keys(stage).length !== 1 || !isPlainObject(group)) return null;
  const keys = Object.keys(group);
  if (keys.length !== 2 || keys[0] !== '_id' || keys[1]!.startsWith('$') || keys[1]!.includes('.'))
    return null;
  const id = group._id;
  if (!(id === null || typeof id === 'boolean' || (typeof id === 'number' && Number.isFinite(id))))
    return null;
  const accumulator = group[keys[1]!] as unknown;
  if (!isPlainObject(accumulator) || Object.keys(accumulator).length !== 1 || accumulator.$sum !== 1)
    return null;
  return { id, name: keys[1]! };
}

/**
 * Runs a pipeline over a view: a leading $match is answered with the index-assisted matcher. Without further
 * stages the stored documents are the result as they are (bytes go into the reply unchanged).
 */
export function runPipeline(
  ctx: CommandContext,
  collection: string | null,
  rawPipeline: unknown,
  vars?: Document,
): Candidate[] {
  const pipeline = checkPipeline(rawPipeline);
  const first = pipeline[0];
  const leadingMatch = collection !== null && first !== undefined && '$match' in first;
  const rest = leadingMatch ? pipeline.slice(1) : pipeline;
  if (collection === null) return runStages(ctx, rest, [], vars);
  const view = ctx.view(collection);
  // Only the fields a leading $group reads are decoded, in the same walk as the $match's fields.
  const reads = rest.length > 0 ? inputFields(rest) : null;
  const matches = leadingMatch
    ? matchingStored(view, first.$match as Document, 0, undefined, reads ?? [])
    : [...view.candidates({})].map((stored) => ({ stored, fields: undefined, whole: false }));
  if (rest.length === 0) return matches.map((m) => m.stored);
  const count = rest.length === 1 ? countingGroup(rest[0]!) : null;
  if (count) return matches.length === 0 ? [] : [{ _id: count.id, [count.name]: matches.length }];
  const selection = reads && !leadingMatch ? new FieldSelection(reads) : null;
  // Read-only stages may see a transaction's own objects as they are; others get their own copies.
  const readOnly = rest.every((stage) => READ_ONLY_STAGES.has(Object.keys(stage)[0]!));
  const input = matches.map(({ stored, fields, whole }) => {
    if (!isStored(stored)) return readOnly ? stored : cloneDocument(stored);
    if (reads) return fields ?? readFields(stored, selection!);
    return whole ? fields! : wholeDocument(stored);
  });
  return runStages(ctx, rest, input, vars);
}

/** Runs pipeline stages over their input documents ($lookup and $unionWith read other collections' copies). */
function runStages(ctx: CommandContext, rest: Document[], input: Document[], vars?: Document): Document[] {
  const resolved = new Map<string, Document[]>();
  const collectionResolver = (name: string): Document[] => {
    let docs = resolved.get(name);
    if (!docs) resolved.set(name, (docs = [...ctx.view(name).candidates({})].map(ownCopy)));
    return docs;
  };
  try {
    return new Aggregator(rest, { ...mingoOptions, collectionResolver, variables: vars }).run(
      input,
    ) as Document[];
  } catch (err) {
    if (err instanceof CommandError) throw err;
    throw badValue(err instanceof Error ? err.message : String(err));
  }
}

export const aggregateCommands: CommandTable = {
  aggregate: {
    kind: 'read',
    run(ctx, cmd) {
      checkCollation(cmd);
      if (cmd.explain) throw unsupported('explain');
      const target = cmd.aggregate;
      const collection = typeof target === 'string' ? target : null;
      if (collection === null && target !== 1) {
        throw new CommandError('FailedToParse', "'aggregate' must be a collection name or 1");
      }
      if (!isPlainObject(cmd.cursor) && cmd.cursor !== undefined) {
        throw new CommandError('TypeMismatch', "'cursor' must be an object");
      }
      const docs = runPipeline(ctx, collection, cmd.pipeline, isPlainObject(cmd.let) ? cmd.let : undefined);
      const batchSize =
        isPlainObject(cmd.cursor) && cmd.cursor.batchSize !== undefined
          ? intOption(cmd.cursor, 'batchSize', 101)
          : undefined;
      const ns = collection === null ? `${ctx.db}.$cmd.aggregate` : `${ctx.db}.${collection}`;
      return ctx.engine.cursors.first(ns, docs, batchSize);
    },
  },
};
