import { describe, expect, it } from 'vitest';
import { indexTokens, isLatinToken, queryTokens } from './tokenizer.js';

describe('tokenizer', () => {
  it('cuts documents in search mode, so a long word also yields its parts', () => {
    const tokens = indexTokens('为社区老年人提供上门助餐服务');
    expect(tokens).toEqual(expect.arrayContaining(['老年人', '老年', '助餐', '社区']));
    expect(tokens).not.toContain('为'); // a stop word
  });

  it('cuts queries in precise mode, one reading per word, each once', () => {
    expect(queryTokens('老年人 助餐 助餐')).toEqual(['老年人', '助餐']);
    expect(queryTokens('为老人提供助餐')).toEqual(['老人', '提供', '助餐']);
  });

  it('keeps domain words whole: synonyms, labels and place names', () => {
    expect(queryTokens('陪伴残障人士出行')).toContain('残障人士');
    expect(queryTokens('徐汇区田林街道')).toEqual(['徐汇区', '田林街道']);
    expect(indexTokens('田林街道')).toEqual(expect.arrayContaining(['田林', '田林街道']));
  });

  it('normalizes full-width and upper-case Latin text and drops punctuation', () => {
    expect(queryTokens('ＮＧＯ，Pro-Bono！')).toEqual(['ngo', 'pro', 'bono']);
    expect(queryTokens('  ，。！ ')).toEqual([]);
  });

  it('tells Latin tokens from others', () => {
    expect(isLatinToken('ngo')).toBe(true);
    expect(isLatinToken('2025')).toBe(true);
    expect(isLatinToken('老人')).toBe(false);
    expect(isLatinToken('ngo老人')).toBe(false);
  });
});
