import { Decimal128, Long, ObjectId, type Document } from 'bson';
import { CommandError } from '../errors.js';
import { formatValue } from '../storage/format.js';
import { isPlainObject } from '../storage/keys.js';

const NUMERIC_OPERATORS = new Set(['$inc', '$mul']);
const ARRAY_OPERATORS = new Set(['$push', '$addToSet', '$pop', '$pull', '$pullAll']);

/** MongoDB's name for a value's BSON type, as its error messages print it. */
export function bsonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number')
    return Number.isInteger(value) && Math.abs(value) < 2 ** 31 ? 'int' : 'double';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (value instanceof ObjectId) return 'objectId';
  if (value instanceof Long) return 'long';
  if (value instanceof Decimal128) return 'decimal';
  if (value instanceof RegExp) return 'regex';
  if (isPlainObject(value)) return 'object';
  return 'unknown';
}

function isNumeric(value: unknown): boolean {
  return typeof value === 'number' || value instanceof Long || value instanceof Decimal128;
}

type PathState =
  { found: true; value: unknown } | { found: false; blockedBy?: { path: string; value: unknown } };

/** Follows a dotted path without array expansion, noting a scalar that blocks it. */
function follow(doc: Document, path: string): PathState {
  let current: unknown = doc;
  const parts = path.split('.');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(part))
        return { found: false, blockedBy: { path: parts.slice(0, i).join('.'), value: current } };
      current = current[Number(part)];
    } else if (isPlainObject(current)) {
      if (!(part in current)) return { found: false };
      current = current[part];
    } else {
      return { found: false, blockedBy: { path: parts.slice(0, i).join('.'), value: current } };
    }
    if (current === undefined) return { found: false };
  }
  return { found: true, value: current };
}

/**
 * Refuses an operator update that MongoDB refuses for the document's current values: arithmetic on a
 * non-number, array operators on a non-array, a path through a scalar. (The update library would skip them.)
 */
export function checkUpdateTypes(doc: Document, modifier: Document): void {
  const idText = () => `{_id: ${formatValue(doc._id)}}`;
  for (const [op, fields] of Object.entries(modifier)) {
    if (!isPlainObject(fields) || op === '$unset' || op === '$rename') continue;
    for (const [path, arg] of Object.entries(fields)) {
      if (path.includes('$')) continue; // positional paths are resolved per element by the update itself
      if (NUMERIC_OPERATORS.has(op) && !isNumeric(arg)) {
        throw new CommandError(
          'TypeMismatch',
          `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${formatValue(arg)}}`,
        );
      }
      const state = follow(doc, path);
      if (!state.found) {
        if (state.blockedBy && op !== '$pull' && op !== '$pullAll' && op !== '$pop') {
          const last = path.slice(state.blockedBy.path.length + 1).split('.')[0];
          throw new CommandError(
            'PathNotViable',
            `Cannot create field '${last}' in element {${state.blockedBy.path}: ${formatValue(state.blockedBy.value)}}`,
          );
        }
        continue;
      }
      const type = bsonTypeName(state.value);
      if (NUMERIC_OPERATORS.has(op) && !isNumeric(state.value)) {
        throw new CommandError(
          'TypeMismatch',
          `Cannot apply ${op} to a value of non-numeric type. ${idText()} has the field '${path}' of non-numeric type ${type}`,
        );
      }
      if (ARRAY_OPERATORS.has(op) && !Array.isArray(state.value)) {
        const message =
          op === '$pull' || op === '$pullAll'
            ? `Cannot apply ${op} to a non-array value`
            : `The field '${path}' must be an array but is of type ${type} in document ${idText()}`;
        throw new CommandError('BadValue', message);
      }
    }
  }
}
