import { Aggregator, update as mingoUpdate } from './mingo.js';
import { ObjectId, type Document } from 'bson';
import { CommandError, badValue, unsupported } from '../errors.js';
import { cloneDocument, isPlainObject, keyOf } from '../storage/keys.js';
import { checkOperators } from './query.js';
import { checkUpdateTypes } from './updateChecks.js';

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$bit',
  '$currentDate',
  '$setOnInsert',
]);

const PIPELINE_UPDATE_STAGES = new Set([
  '$addFields',
  '$set',
  '$project',
  '$unset',
  '$replaceRoot',
  '$replaceWith',
]);

export type UpdateSpec = Document | Document[];

export interface UpdateOptions {
  filter: Document;
  arrayFilters?: Document[];
  /** The document is being created by an upsert ($setOnInsert applies). */
  inserting: boolean;
}

/** What an update does to one document. */
export interface UpdateOutcome {
  doc: Document;
  changed: boolean;
}

function isOperatorUpdate(u: Document): boolean {
  const keys = Object.keys(u);
  const operators = keys.filter((k) => k.startsWith('$'));
  if (operators.length > 0 && operators.length !== keys.length) {
    throw new CommandError('FailedToParse', 'Update document mixes update operators and plain fields');
  }
  return operators.length > 0;
}

/** Checks an update specification's shape before any document is touched. */
export function validateUpdate(u: unknown): asserts u is UpdateSpec {
  if (Array.isArray(u)) {
    for (const stage of u) {
      const name = isPlainObject(stage) ? Object.keys(stage)[0] : undefined;
      if (!name || !PIPELINE_UPDATE_STAGES.has(name)) {
        throw new CommandError(
          'InvalidOptions',
          `${name ?? 'stage'} is not allowed to be used within an update`,
        );
      }
    }
    checkOperators(u, 'update pipeline');
    return;
  }
  if (!isPlainObject(u))
    throw new CommandError('FailedToParse', 'Update argument must be either an object or an array');
  if (!isOperatorUpdate(u)) return;
  const paths: string[] = [];
  for (const [op, fields] of Object.entries(u)) {
    if (!UPDATE_OPERATORS.has(op)) {
      throw new CommandError(
        'FailedToParse',
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    if (!isPlainObject(fields))
      throw new CommandError(
        'FailedToParse',
        `Modifiers operate on fields but we found type ${typeof fields} instead.`,
      );
    paths.push(...Object.keys(fields));
    if (op === '$rename') paths.push(...Object.values(fields).map(String));
  }
  checkPathConflicts(paths);
}

/** MongoDB refuses an update touching a path and one of its prefixes (or the same path twice). */
function checkPathConflicts(paths: string[]): void {
  const normalized = paths.map((p) =>
    p
      .split('.')
      .filter((part) => !part.startsWith('$'))
      .join('.'),
  );
  const sorted = [...normalized].sort();
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (a === b || b.startsWith(a + '.')) {
      throw new CommandError(
        'ConflictingUpdateOperators',
        `Updating the path '${b}' would create a conflict at '${a}'`,
      );
    }
  }
}

/** Applies an update to a stored document, returning a new document (stored ones are never mutated). */
export function applyUpdate(stored: Document, u: UpdateSpec, options: UpdateOptions): UpdateOutcome {
  let doc: Document;
  if (Array.isArray(u)) {
    const result = new Aggregator(u).run([cloneDocument(stored)]);
    doc = result[0] as Document;
  } else if (isOperatorUpdate(u)) {
    const modifier: Document = {};
    for (const [op, fields] of Object.entries(u)) {
      if (op === '$setOnInsert') {
        if (options.inserting) modifier.$set = { ...(modifier.$set ?? {}), ...fields };
      } else if (op === '$set') {
        modifier.$set = { ...(modifier.$set ?? {}), ...fields };
      } else modifier[op] = fields;
    }
    // An upsert may choose the new document's _id in $set / $setOnInsert when the filter does not.
    const set = modifier.$set as Document | undefined;
    if (options.inserting && stored._id === undefined && set && '_id' in set) {
      const { _id, ...rest } = set;
      stored = { ...stored, _id: cloneDocument(_id) };
      if (Object.keys(rest).length > 0) modifier.$set = rest;
      else delete modifier.$set;
    }
    keepIdImmutable(stored, modifier);
    checkUpdateTypes(stored, modifier);
    doc = cloneDocument(stored);
    let changedPaths: string[];
    try {
      changedPaths = mingoUpdate(doc, modifier, options.arrayFilters, options.filter);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (message.includes("immutable field '_id'")) throw immutableId();
      throw badValue(message);
    }
    if (changedPaths.length === 0) return { doc: stored, changed: false };
    checkIdKept(stored, doc, options);
    return { doc: withIdFirst(doc), changed: differsIn(stored, doc, namedFields(modifier)) };
  } else {
    doc = replacement(stored, u);
  }
  checkIdKept(stored, doc, options);
  const changed = keyOf(doc) !== keyOf(stored);
  return { doc: withIdFirst(doc), changed };
}

function checkIdKept(stored: Document, doc: Document, options: UpdateOptions): void {
  if (keyOf(doc._id) === keyOf(stored._id)) return;
  if (stored._id === undefined && options.inserting) return;
  throw immutableId();
}

/** The top-level fields an operator update names (a `$rename`'s targets too): the only ones it can change. */
function namedFields(modifier: Document): Set<string> {
  const fields = new Set<string>();
  const add = (path: string) => {
    const dot = path.indexOf('.');
    fields.add(dot < 0 ? path : path.slice(0, dot));
  };
  for (const [op, paths] of Object.entries(modifier)) {
    for (const path of Object.keys(paths as Document)) add(path);
    if (op === '$rename') for (const target of Object.values(paths as Document)) add(String(target));
  }
  return fields;
}

/**
 * Whether an updated copy differs from the stored document, as their canonical keys (`keyOf`) would say: the same
 * fields in the same order, and equal values in those the update named (it changes no other).
 */
function differsIn(stored: Document, doc: Document, fields: Set<string>): boolean {
  const before = Object.keys(stored);
  const after = Object.keys(doc);
  if (before.length !== after.length) return true;
  for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) return true;
  for (const field of fields) if (keyOf(doc[field]) !== keyOf(stored[field])) return true;
  return false;
}

const immutableId = () =>
  new CommandError(
    'ImmutableField',
    "Performing an update on the path '_id' would modify the immutable field '_id'",
  );

/** `$set: { _id: <same value> }` is allowed (and does nothing), as in MongoDB; another value is refused. */
function keepIdImmutable(stored: Document, modifier: Document): void {
  const set = modifier.$set as Document | undefined;
  if (!set || !('_id' in set) || stored._id === undefined) return;
  if (keyOf(set._id) !== keyOf(stored._id)) throw immutableId();
  const { _id, ...rest } = set;
  if (Object.keys(rest).length > 0) modifier.$set = rest;
  else delete modifier.$set;
}

function replacement(stored: Document, u: Document): Document {
  const doc: Document = { _id: stored._id };
  for (const [k, v] of Object.entries(u))
    if (k !== '_id' || stored._id === undefined) doc[k] = cloneDocument(v);
  if (u._id !== undefined && stored._id !== undefined && keyOf(u._id) !== keyOf(stored._id)) {
    throw new CommandError(
      'ImmutableField',
      `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${String(u._id)}`,
    );
  }
  if (doc._id === undefined) delete doc._id;
  return doc;
}

/** Puts _id first, as MongoDB stores it. */
export function withIdFirst(doc: Document): Document {
  if (Object.keys(doc)[0] === '_id' || doc._id === undefined) return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

/** The document an upsert starts from: the filter's equality conditions ($eq and plain values, also in $and). */
export function upsertSeed(filter: Document): Document {
  const seed: Document = {};
  const visit = (f: Document) => {
    for (const [path, cond] of Object.entries(f)) {
      if (path === '$and' && Array.isArray(cond)) {
        for (const clause of cond) if (isPlainObject(clause)) visit(clause);
        continue;
      }
      if (path.startsWith('$')) continue;
      let value: unknown;
      if (isPlainObject(cond) && Object.keys(cond).some((k) => k.startsWith('$'))) {
        if (!('$eq' in cond)) continue;
        value = cond.$eq;
      } else if (cond instanceof RegExp) continue;
      else value = cond;
      setPath(seed, path, cloneDocument(value));
    }
  };
  visit(filter);
  return seed;
}

function setPath(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let target: Document = doc;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(target[part])) target[part] = {};
    target = target[part] as Document;
  }
  target[parts[parts.length - 1]!] = value;
}

/** Builds the document an upsert inserts, with an _id (from the filter, the update, or a new ObjectId). */
export function upsertDocument(filter: Document, u: UpdateSpec, arrayFilters?: Document[]): Document {
  const isReplacement = !Array.isArray(u) && !isOperatorUpdate(u);
  const seed = isReplacement
    ? upsertSeed(filter)._id !== undefined
      ? { _id: upsertSeed(filter)._id }
      : {}
    : upsertSeed(filter);
  const { doc } = applyUpdate(seed, u, { filter: {}, arrayFilters, inserting: true });
  const out = doc === seed ? cloneDocument(seed) : doc;
  if (out._id === undefined) out._id = new ObjectId();
  if (Array.isArray(out._id)) throw new CommandError('BadValue', "The '_id' value cannot be of type array");
  return withIdFirst(out);
}

/** Refuses update options outside the supported subset. */
export function checkUpdateStatement(statement: Document): void {
  if (statement.collation) throw unsupported('Collation');
}
