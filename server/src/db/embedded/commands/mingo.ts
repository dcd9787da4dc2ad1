import { ObjectId } from 'bson';
import { Aggregator as BaseAggregator } from 'mingo/aggregator';
import { Context, evalExpr } from 'mingo/core';
import * as accumulator from 'mingo/operators/accumulator';
import * as expression from 'mingo/operators/expression';
import * as pipeline from 'mingo/operators/pipeline';
import * as projection from 'mingo/operators/projection';
import * as query from 'mingo/operators/query';
import * as window from 'mingo/operators/window';
import { Query as BaseQuery } from 'mingo/query';
import type { AnyObject, Options } from 'mingo/types';
import * as updateOperators from 'mingo/operators/update';
import { HashMap, ensureArray, isNil, isObject, isRegExp, isString, resolve } from 'mingo/util';
import { CommandError } from '../errors.js';

type ExpressionOperator = (obj: AnyObject, expr: unknown, options: Options) => unknown;

/** $toString that also converts ObjectIds (to their hex string), as MongoDB does. */
const $toString: ExpressionOperator = (obj, expr, options) => {
  const value = evalExpr(obj, expr as never, options);
  if (value instanceof ObjectId) return value.toHexString();
  return (expression.$toString as ExpressionOperator)(obj, { $literal: value }, options);
};

/** $toObjectId: a 24-hex-digit string to an ObjectId (null stays null). */
const $toObjectId: ExpressionOperator = (obj, expr, options) => {
  const value = evalExpr(obj, expr as never, options);
  if (value === null || value === undefined) return null;
  if (value instanceof ObjectId) return value;
  if (typeof value === 'string' && /^[0-9a-fA-F]{24}$/.test(value)) return new ObjectId(value);
  throw new CommandError(
    'ConversionFailure',
    `Failed to parse objectId '${String(value)}' in $convert with no onError value`,
  );
};

type QueryOperator = (selector: string, value: unknown, options: Options) => (obj: AnyObject) => boolean;

/**
 * $in as mingo has it (a value, or any element of an array value, equal to a listed value, or a string matching a
 * listed regex; a missing value matches a listed null), with the list hashed once per query: mingo's own hashes
 * the whole list again for every document it tests, which made `{ ownerId: { $in: [200 ids] } }` over a few
 * hundred candidates cost milliseconds.
 */
const $in: QueryOperator = (selector, value, options) => {
  if (!Array.isArray(value)) return (query.$in as QueryOperator)(selector, value, options);
  const listed = HashMap.init<unknown, true>();
  for (const v of value) listed.set(v, true);
  const patterns = value.filter(isRegExp);
  const listsNull = value.some((v) => v === null);
  return (obj) => {
    const found = resolve(obj as never, selector, { unwrapArray: true });
    if (isNil(found)) return listsNull;
    const values = ensureArray(found);
    if (listed.size > 0 && values.some((v) => listed.has(v))) return true;
    return patterns.length > 0 && values.some((v) => isString(v) && patterns.some((re) => re.test(v)));
  };
};

const $nin: QueryOperator = (selector, value, options) => {
  if (!Array.isArray(value)) return (query.$nin as QueryOperator)(selector, value, options);
  const matches = $in(selector, value, options);
  return (obj) => !matches(obj);
};

/** Every mingo operator, with the BSON-aware conversions and the $in above in place of mingo's own. */
const context = Context.init({
  accumulator,
  expression: { ...expression, $toString, $toObjectId } as never,
  pipeline,
  projection,
  query: { ...query, $in, $nin } as never,
  window,
});

/** Options every mingo call shares: MongoDB semantics, no server-side JavaScript, the engine's operators. */
export const mingoOptions: Partial<Options> = {
  scriptEnabled: false,
  useStrictMode: true,
  idKey: '_id',
  context,
};

/** mingo's own options class (ComputeOptions): options shared by reference, plus per-computation locals. */
interface MingoOptionsClass {
  new (options: Partial<Options>, locals?: AnyObject): ComputedOptions;
  init(options: Partial<Options> | ComputedOptions): ComputedOptions;
}
/** An instance of that class: its options (shared), and `update` adding to its locals (it returns itself). */
type ComputedOptions = Options & { readonly options: Options; update(locals: AnyObject): ComputedOptions };

/**
 * mingo's options class, which mingo does not export: taken from the options a query operator is compiled with.
 * A Query (or an update) given plain options copies every operator table of their context (hundreds of entries)
 * before it compiles anything, which was a third of the cost of a find testing a few documents; given an instance
 * of this class it shares the context and copies only its per-computation state (the condition, the time `$$NOW`
 * reads).
 */
const MingoOptions: MingoOptionsClass = (() => {
  let compiledWith: Options | undefined;
  const probe: QueryOperator = (_selector, _value, options) => {
    compiledWith = options as Options;
    return () => true;
  };
  new BaseQuery(
    { probe: { $probe: 1 } },
    { ...mingoOptions, context: Context.init({ query: { $probe: probe } as never }) },
  );
  const found = compiledWith!.constructor as unknown as MingoOptionsClass;
  if (typeof found.init !== 'function') throw new Error('mingo changed: its options class has no init()');
  return found;
})();

/** The engine's options as mingo's options object, made once: every Query, update and aggregation shares it. */
const sharedOptions = MingoOptions.init(mingoOptions);

export class Query extends BaseQuery {
  constructor(condition: AnyObject, options: Partial<Options> = mingoOptions) {
    super(condition, options === mingoOptions ? sharedOptions : { ...mingoOptions, ...options });
  }
}

/**
 * An aggregation on the shared options, with any given (a collection resolver, variables) over them: its own
 * options object shares the operator context instead of copying it, as a Query's does.
 */
export class Aggregator extends BaseAggregator {
  constructor(stages: AnyObject[], options: Partial<Options> = mingoOptions) {
    super(
      stages,
      options === mingoOptions ? sharedOptions : new MingoOptions({ ...sharedOptions.options, ...options }),
    );
  }
}

type UpdateOperator = (
  expr: AnyObject,
  arrayFilters: AnyObject[],
  options: Options,
) => (obj: AnyObject) => string[];
const UPDATE_OPERATORS = updateOperators as unknown as Record<string, UpdateOperator>;

/**
 * mingo's update of one document (`mingo/updater`'s `update`, with deep clones of the values it writes), run on
 * the shared options: mingo's own builds its options and copies the whole operator context again for every
 * statement, then compiles the condition to test the document once more. The engine has matched the document
 * already, so the condition is kept only for what reads it (a positional `$`). The operators, their checks and
 * the paths they report are mingo's; so is the refusal of two operators touching the same path (mingo checks the
 * paths of all of them together, each operator its own). Returns the changed paths, sorted.
 */
export function update(
  obj: AnyObject,
  modifier: AnyObject,
  arrayFilters?: AnyObject[],
  condition?: AnyObject,
): string[] {
  const options = MingoOptions.init(sharedOptions).update({
    condition: condition ?? {},
    updateConfig: { cloneMode: 'deep', arrayFilters },
  });
  const ops = Object.keys(modifier);
  const unknownOp = ops.find((op) => !Object.prototype.hasOwnProperty.call(UPDATE_OPERATORS, op));
  if (unknownOp !== undefined) throw new Error(`Unknown update operator: '${unknownOp}'.`);
  if (ops.length > 1 || modifier.$rename) checkDistinctPaths(modifier);
  const filters = arrayFilters ?? [];
  const apply = ops.map((op) => UPDATE_OPERATORS[op]!(modifier[op] as AnyObject, filters, options));
  const changed: string[] = [];
  for (const mutate of apply) changed.push(...mutate(obj));
  return changed.sort();
}

/**
 * The field an update path changes as mingo names it: up to its first positional part (`$`, `$[]`, `$[id]`).
 */
function changedField(path: string): string {
  if (!path.includes('$')) return path;
  const parts = path.split('.');
  const at = parts.findIndex((p) => p === '$' || (p.startsWith('$[') && p.endsWith(']')));
  return (at < 0 ? parts : parts.slice(0, at)).join('.');
}

/**
 * mingo's refusal of an update whose operators (and `$rename` targets) touch one field twice, or a field and one
 * inside it, in its words and order. A path mingo refuses for itself (`$`-prefixed, or `_id`) it refuses first.
 */
function checkDistinctPaths(modifier: AnyObject): void {
  const expressions = Object.values(modifier) as AnyObject[];
  for (const target of Object.values((modifier.$rename ?? {}) as AnyObject))
    expressions.push({ [String(target)]: true });
  const whole = new Set<string>();
  const within = new Set<string>();
  for (const expression of expressions) {
    if (!isObject(expression)) continue; // refused by the operator itself
    for (const path of Object.keys(expression)) {
      if (path.startsWith('$')) return;
      const field = changedField(path);
      if (field === '_id' || field.startsWith('_id.')) {
        throw new Error(
          `Performing an update on the path '${field}' would modify the immutable field '_id'.`,
        );
      }
      const parts = field.split('.');
      let conflict = whole.has(field) || within.has(field);
      for (let i = 1; i < parts.length && !conflict; i++) conflict = whole.has(parts.slice(0, i).join('.'));
      if (conflict) throw new Error(`updating the path '${field}' would create a conflict at '${field}'`);
      for (let i = 1; i < parts.length; i++) within.add(parts.slice(0, i).join('.'));
      whole.add(field);
    }
  }
}
