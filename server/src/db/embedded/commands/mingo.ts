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
import { update as baseUpdate, type Modifier } from 'mingo/updater';
import { HashMap, ensureArray, isNil, isRegExp, isString, resolve } from 'mingo/util';
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

/**
 * mingo's options object as mingo makes it for itself, over the engine's options. A Query given plain options
 * copies every operator table of their context (hundreds of entries) before compiling its filter, which was a
 * third of the cost of a find testing a few documents; given mingo's own options object it shares the context and
 * copies only its per-query state (the condition, the time `$$NOW` reads). mingo does not export that class, so it
 * is taken from the options a query operator is compiled with.
 */
const sharedOptions: Options = (() => {
  let compiledWith: Options | undefined;
  const probe: QueryOperator = (_selector, _value, options) => {
    compiledWith = options as Options;
    return () => true;
  };
  new BaseQuery(
    { probe: { $probe: 1 } },
    { ...mingoOptions, context: Context.init({ query: { $probe: probe } as never }) },
  );
  const MingoOptions = compiledWith!.constructor as unknown as { init(options: Partial<Options>): Options };
  if (typeof MingoOptions.init !== 'function')
    throw new Error('mingo changed: its options class has no init()');
  return MingoOptions.init(mingoOptions);
})();

export class Query extends BaseQuery {
  constructor(condition: AnyObject, options: Partial<Options> = mingoOptions) {
    super(condition, options === mingoOptions ? sharedOptions : { ...mingoOptions, ...options });
  }
}

export class Aggregator extends BaseAggregator {
  constructor(stages: AnyObject[], options: Partial<Options> = mingoOptions) {
    super(stages, { ...mingoOptions, ...options });
  }
}

/** mingo's update with the engine's options; returns the changed paths. */
export function update(
  obj: AnyObject,
  modifier: AnyObject,
  arrayFilters?: AnyObject[],
  condition?: AnyObject,
): string[] {
  return baseUpdate(obj, modifier as Modifier<AnyObject>, arrayFilters, condition, {
    cloneMode: 'deep',
    queryOptions: mingoOptions,
  });
}
