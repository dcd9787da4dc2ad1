import { z } from 'zod';
import type { ErrorDetail, Locale } from '@app/shared';
import { schemaWordInZh } from './schemaWords.js';

const zhLocale = z.locales.zhCN();

/** What a too_small / too_big issue counts, in Chinese. */
function zhBound(issue: { origin?: string; minimum?: unknown; maximum?: unknown }, small: boolean): string {
  const n = String(small ? issue.minimum : issue.maximum);
  switch (issue.origin) {
    case 'string':
      return small ? `至少 ${n} 个字符` : `最多 ${n} 个字符`;
    case 'array':
    case 'set':
      return small ? `至少选择 ${n} 项` : `最多 ${n} 项`;
    case 'number':
    case 'int':
    case 'bigint':
      return small ? `不能小于 ${n}` : `不能大于 ${n}`;
    case 'date':
      return small ? '时间太早' : '时间太晚';
    default:
      return small ? '太小' : '太大';
  }
}

function zhMessage(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'too_small':
      return zhBound(issue, true);
    case 'too_big':
      return zhBound(issue, false);
    case 'invalid_type':
      return input === undefined ? '必填' : '格式不对';
    case 'invalid_value':
      return '不是可选的值';
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    case 'custom':
      return schemaWordInZh(issue.message) ?? issue.message;
    default:
      return schemaWordInZh(issue.message) ?? (zhLocale.localeError(issue as never) as string);
  }
}

/** The value at an issue's path in the input, to tell a missing field from a wrong one. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Zod's issues as the error body's details, in the reader's language: the schemas' own English words, or Chinese
 * made from the issue's code and bounds.
 */
export function issuesToDetails(
  issues: readonly z.core.$ZodIssue[],
  locale: Locale,
  input?: unknown,
): ErrorDetail[] {
  return issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: locale === 'en' ? issue.message : zhMessage(issue, valueAt(input, issue.path)),
    code: issue.code,
  }));
}
