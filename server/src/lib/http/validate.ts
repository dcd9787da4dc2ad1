import type { z } from 'zod';
import { AppError, validationFailed } from '../errors.js';

/** Keys that could reach a MongoDB query as operators or paths. */
function findOperatorKey(value: unknown, path: string[] = [], depth = 0): string | undefined {
  if (depth > 20 || value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith('$') || key.includes('.') || key === '__proto__' || key === 'constructor') {
      return [...path, key].join('.');
    }
    const found = findOperatorKey(child, [...path, key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Parses one part of a request with its schema; anything that does not fit is a 400 naming each field. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const operatorKey = findOperatorKey(value);
  if (operatorKey) {
    throw validationFailed('request.operatorKey', [
      { path: operatorKey, message: 'field.operatorKey', code: 'operator_key' },
    ]);
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError('validation_failed', { key: 'request.invalid', params: { where } }, undefined, {
      list: result.error.issues,
      input: value,
    });
  }
  return result.data;
}

/** For a route that declares no schema for this part: nothing may be sent there (every field is unknown). */
export function refuseInput(value: unknown, where: string): undefined {
  const empty =
    value === undefined ||
    (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);
  if (!empty) {
    throw validationFailed(
      'request.noInput',
      [{ path: '', message: { key: 'field.noInput', params: { where } }, code: 'unrecognized_keys' }],
      { where },
    );
  }
  return undefined;
}
