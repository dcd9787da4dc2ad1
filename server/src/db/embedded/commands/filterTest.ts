import { ObjectId, type Document } from 'bson';
import { isPlainObject, keyOf } from '../storage/keys.js';

/**
 * The filters the application sends most, tested without compiling a mingo Query: top-level fields (no paths)
 * compared by equality (`v`, `$eq`, `$ne`, `$in`, `$nin`) with strings, numbers, booleans, ObjectIds and dates,
 * by order (`$gt`, `$gte`, `$lt`, `$lte`) with numbers and dates, `$exists`, and `$and`/`$or`/`$nor` of such.
 * A test decides only for the values whose MongoDB answer is plain (the same scalar types, missing, null, plain
 * objects, arrays of those); for anything else (a Long, a Decimal128, an array inside an array, ...) it answers
 * UNDECIDED and the caller asks the compiled Query. `filterTest.test.ts` compares it with mingo over random filters
 * and documents.
 */
export const FALSE = 0;
export const TRUE = 1;
export const UNDECIDED = 2;
export type Answer = typeof FALSE | typeof TRUE | typeof UNDECIDED;
export type FilterTest = (doc: Document) => Answer;

type ValueTest = (value: unknown) => Answer;

/** The key of a scalar the fast path compares by equality, or undefined for any other value. */
function scalarKey(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return keyOf(value);
    case 'number':
      return Number.isNaN(value) ? undefined : keyOf(value);
    case 'boolean':
      return keyOf(value);
    case 'object':
      if (value instanceof ObjectId) return keyOf(value);
      if (value instanceof Date && !Number.isNaN(value.getTime())) return keyOf(value);
  }
  return undefined;
}

/** Equality with any of `keys` (the keys of the listed scalars), MongoDB's way: the value, or an element of it. */
function equalsAny(keys: Set<string>): ValueTest {
  const one = (value: unknown): Answer => {
    if (value === undefined || value === null) return FALSE;
    const key = scalarKey(value);
    if (key !== undefined) return keys.has(key) ? TRUE : FALSE;
    if (isPlainObject(value)) return FALSE;
    return UNDECIDED;
  };
  return (value) => {
    if (!Array.isArray(value)) return one(value);
    let answer: Answer = FALSE;
    for (const element of value) {
      if (Array.isArray(element)) return UNDECIDED;
      const found = one(element);
      if (found === TRUE) return TRUE;
      if (found === UNDECIDED) answer = UNDECIDED;
    }
    return answer;
  };
}

/** An order comparison with a number or a date: values of the same type compared, an array by any element. */
function ordered(op: string, bound: number | Date): ValueTest | undefined {
  const limit = typeof bound === 'number' ? bound : bound.getTime();
  if (Number.isNaN(limit)) return undefined;
  const cmp =
    op === '$gt'
      ? (x: number) => x > limit
      : op === '$gte'
        ? (x: number) => x >= limit
        : op === '$lt'
          ? (x: number) => x < limit
          : (x: number) => x <= limit;
  const numeric = typeof bound === 'number';
  const one = (value: unknown): Answer => {
    if (value === undefined) return FALSE;
    if (numeric && typeof value === 'number')
      return Number.isNaN(value) ? UNDECIDED : cmp(value) ? TRUE : FALSE;
    if (!numeric && value instanceof Date) return cmp(value.getTime()) ? TRUE : FALSE;
    return UNDECIDED;
  };
  return (value) => {
    if (!Array.isArray(value)) return one(value);
    return UNDECIDED;
  };
}

function not(test: ValueTest): ValueTest {
  return (value) => {
    const answer = test(value);
    return answer === UNDECIDED ? UNDECIDED : answer === TRUE ? FALSE : TRUE;
  };
}

/** A test of one field's value for a condition of the fast path, or undefined when the condition is not one. */
function conditionTest(condition: unknown): ValueTest | undefined {
  const key = scalarKey(condition);
  if (key !== undefined) return equalsAny(new Set([key]));
  if (!isPlainObject(condition)) return undefined;
  const ops = Object.keys(condition);
  if (ops.length === 0) return undefined;
  const tests: ValueTest[] = [];
  for (const op of ops) {
    const operand = condition[op];
    let test: ValueTest | undefined;
    if (op === '$eq' || op === '$ne') {
      const k = scalarKey(operand);
      if (k !== undefined) test = op === '$eq' ? equalsAny(new Set([k])) : not(equalsAny(new Set([k])));
    } else if (op === '$in' || op === '$nin') {
      const keys = Array.isArray(operand) ? operand.map(scalarKey) : [undefined];
      if (keys.every((k) => k !== undefined)) {
        const inList = equalsAny(new Set(keys as string[]));
        test = op === '$in' ? inList : not(inList);
      }
    } else if (op === '$gt' || op === '$gte' || op === '$lt' || op === '$lte') {
      if (typeof operand === 'number' || operand instanceof Date) test = ordered(op, operand);
    } else if (op === '$exists' && typeof operand === 'boolean') {
      test = (value) => ((value !== undefined) === operand ? TRUE : FALSE);
    }
    if (!test) return undefined;
    tests.push(test);
  }
  return tests.length === 1 ? tests[0] : (value) => all(tests, value);
}

/** TRUE when every part is, FALSE when any is (even if another is undecided), else UNDECIDED. */
function all<T>(parts: Array<(input: T) => Answer>, input: T): Answer {
  let answer: Answer = TRUE;
  for (const part of parts) {
    const found = part(input);
    if (found === FALSE) return FALSE;
    if (found === UNDECIDED) answer = UNDECIDED;
  }
  return answer;
}

/** TRUE when any part is (even if another is undecided), FALSE when none is, else UNDECIDED. */
function any(parts: FilterTest[], doc: Document): Answer {
  let answer: Answer = FALSE;
  for (const part of parts) {
    const found = part(doc);
    if (found === TRUE) return TRUE;
    if (found === UNDECIDED) answer = UNDECIDED;
  }
  return answer;
}

/** The fast test of a filter, or null when the filter uses anything outside the fast path. */
export function filterTest(filter: Document): FilterTest | null {
  const tests: FilterTest[] = [];
  for (const field of Object.keys(filter)) {
    const condition = filter[field];
    if (field === '$and' || field === '$or' || field === '$nor') {
      if (!Array.isArray(condition) || condition.length === 0) return null;
      const clauses: FilterTest[] = [];
      for (const clause of condition) {
        const test = isPlainObject(clause) ? filterTest(clause) : null;
        if (!test) return null;
        clauses.push(test);
      }
      if (field === '$and') tests.push((doc) => all(clauses, doc));
      else if (field === '$or') tests.push((doc) => any(clauses, doc));
      else
        tests.push((doc) => {
          const found = any(clauses, doc);
          return found === UNDECIDED ? UNDECIDED : found === TRUE ? FALSE : TRUE;
        });
      continue;
    }
    if (field.length === 0 || field.startsWith('$') || field.includes('.') || field === '__proto__')
      return null;
    const test = conditionTest(condition);
    if (!test) return null;
    tests.push((doc) => test(Object.prototype.hasOwnProperty.call(doc, field) ? doc[field] : undefined));
  }
  if (tests.length === 0) return () => TRUE;
  if (tests.length === 1) return tests[0]!;
  return (doc) => all(tests, doc);
}
