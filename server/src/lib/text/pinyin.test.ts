import { describe, expect, it } from 'vitest';
import { domainPinyinLexicon, expandPinyin, pinyinKey, PinyinLexicon } from './pinyin.js';

const lexiconOf = (words: string[], usage?: (w: string) => number) => {
  const lexicon = new PinyinLexicon(usage);
  for (const w of words) lexicon.add(w);
  return lexicon;
};

describe('pinyin keys', () => {
  it('are the toneless syllables of a Chinese word, run together', () => {
    expect(pinyinKey('助餐')).toBe('zhucan');
    expect(pinyinKey('老年人')).toBe('laonianren');
    expect(pinyinKey('绿化')).toBe('lvhua');
  });

  it('are empty for one character, Latin text and mixed words', () => {
    expect(pinyinKey('餐')).toBe('');
    expect(pinyinKey('wifi')).toBe('');
    expect(pinyinKey('A座会议室')).toBe('');
  });
});

describe('expandPinyin', () => {
  const lexicon = lexiconOf(['助餐', '老人', '徐汇', '会议室']);

  it('rewrites pinyin, with or without spaces, into the words it spells', () => {
    expect(expandPinyin('zhucan', lexicon)).toBe('助餐');
    expect(expandPinyin('zhu can', lexicon)).toBe('助餐');
    expect(expandPinyin('laorenzhucan', lexicon)).toBe('老人 助餐');
    expect(expandPinyin('Laoren Zhucan', lexicon)).toBe('老人 助餐');
    expect(expandPinyin('xuhui 会议室', lexicon)).toBe('徐汇 会议室');
    expect(expandPinyin("xu'hui huiyishi", lexicon)).toBe('徐汇 会议室');
  });

  it('leaves Chinese, English and Latin text that does not spell words whole as typed', () => {
    expect(expandPinyin('老人助餐', lexicon)).toBe('老人助餐');
    expect(expandPinyin('accountant', lexicon)).toBe('accountant');
    expect(expandPinyin('zhucan plus', lexicon)).toBe('助餐 plus');
    expect(expandPinyin('zhucanx', lexicon)).toBe('zhucanx');
    expect(expandPinyin('can', lexicon)).toBe('can');
  });

  it('keeps a run whose words the index holds as typed', () => {
    expect(expandPinyin('zhu can', lexicon, (w) => w === 'can')).toBe('zhu can');
  });

  it('picks the most used of words sharing a key', () => {
    const used = new Map([
      ['时间', 1],
      ['实践', 5],
    ]);
    const shared = lexiconOf(['时间', '实践'], (w) => used.get(w) ?? 0);
    expect(expandPinyin('shijian', shared)).toBe('实践');
    used.set('时间', 9);
    expect(expandPinyin('shijian', shared)).toBe('时间');
  });

  it('knows the domain vocabulary: labels, places and synonyms', () => {
    const domain = domainPinyinLexicon();
    expect(expandPinyin('laoren', domain)).toBe('老人');
    expect(expandPinyin('zhiyuanzhe', domain)).toBe('志愿者');
    // Toneless pinyin can spell two words (助餐, 助残): without usage counts one of them is taken.
    expect(['助餐', '助残']).toContain(expandPinyin('zhucan', domain));
    expect(expandPinyin('pudongxinqu', domain)).toBe('浦东新区');
  });
});
