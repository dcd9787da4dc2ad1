/**
 * `$in` and `$nin` for long lists. mingo's own operators build a hash of the whole list for every document they
 * test, so a filter such as `{ organizationId: { $in: [2,500 ids] } }` over 20,000 candidates costs 50 million
 * hash insertions. These compile the list into a set of keys once per query; each document then costs one
 * lookup per value it holds. Lists holding anything but plain values (null, arrays, documents, regular
 * expressions) keep mingo's operators, whose rules for those cases are MongoDB's.
 */
import { ObjectId } from 'bson';
import * as query from 'mingo/operators/query';
import type { AnyObject, Options } from 'mingo/types';
import { isNil, resolve } from 'mingo/util';
import { keyOf } from '../storage/keys.js';

type Predicate = (obj: AnyObject) => boolean;

/** Below this many values mingo's operators are as quick. */
const HASHED_FROM = 8;

const plain = (v: unknown) =>
  typeof v === 'string' ||
  typeof v === 'number' ||
  typeof v === 'boolean' ||
  v instanceof ObjectId ||
  v instanceof Date;

/** The keys of a list of plain values, or undefined when the list is short or holds anything else. */
function hashedList(value: unknown): Set<string> | undefined {
  if (!Array.isArray(value) || value.length < HASHED_FROM || !value.every(plain)) return undefined;
  return new Set(value.map(keyOf));
}

/** A field holds one of the keys: its value, or an element of its array value (mingo's `unwrapArray`). */
function holdsOneOf(selector: string, keys: Set<string>): Predicate {
  const options = { unwrapArray: true };
  return (obj) => {
    const found = resolve(obj, selector, options);
    // No null in the list: a missing or null field never matches.
    if (isNil(found)) return false;
    if (!Array.isArray(found)) return keys.has(keyOf(found));
    for (const v of found) if (keys.has(keyOf(v))) return true;
    return false;
  };
}

export function $in(selector: string, value: unknown, options: Options): Predicate {
  const keys = hashedList(value);
  if (!keys) return query.$in(selector, value as never, options) as Predicate;
  return holdsOneOf(selector, keys);
}

export function $nin(selector: string, value: unknown, options: Options): Predicate {
  const keys = hashedList(value);
  if (!keys) return query.$nin(selector, value as never, options) as Predicate;
  const holds = holdsOneOf(selector, keys);
  return (obj) => !holds(obj);
}
