import { describe, expect, it } from 'vitest';
import en from './en.js';
import zhCN from './zh-CN.js';

/** Every leaf of a message tree as `a.b.c` → text. */
function leaves(tree: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') for (const [k, v] of leaves(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

describe('locale messages', () => {
  const zh = leaves(zhCN);
  const english = leaves(en);

  it('zh-CN and en have exactly the same keys', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
    expect(zh.size).toBeGreaterThan(30);
  });

  it('every message is a non-empty string', () => {
    for (const [key, text] of [...zh, ...english]) {
      expect(typeof text, key).toBe('string');
      expect((text as string).trim(), key).not.toBe('');
    }
  });

  it('both languages use the same placeholders in each message', () => {
    const placeholders = (text: unknown) => [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of zh) expect(placeholders(english.get(key)), key).toEqual(placeholders(text));
  });

  it('the Chinese messages are Chinese and the English ones are not', () => {
    const han = /\p{Script=Han}/u;
    // Product names are allowed to stay as they are in both languages.
    const sameInBoth = new Set([
      'health.engines.mongodb',
      'health.engines.meilisearch',
      'health.engines.redis',
    ]);
    // Pure formats (a separator between placeholders) carry no words to translate.
    const formats = new Set(['validation.field', 'match.points', 'organization.documentMeta']);
    for (const [key, text] of zh) {
      if (sameInBoth.has(key) || formats.has(key) || key === 'prefs.otherLanguage') continue;
      expect(han.test(String(text)), key).toBe(true);
      expect(han.test(String(english.get(key))), key).toBe(false);
    }
  });
});
