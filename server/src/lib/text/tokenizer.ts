/**
 * Chinese-aware tokenizing with jieba: documents are cut in search mode (a long word also yields its shorter
 * words: 老年人 → 老年, 老年人), queries in precise mode (one reading per word). Text is NFKC-normalized (full-width
 * letters and digits become ASCII) and lower-cased; punctuation, spaces and stop words are dropped.
 */
import { Jieba } from '@node-rs/jieba';
import { districts, domains, kinds, streets, subkinds } from '@app/shared';
import { stopWords } from './stopWords.js';
import { synonymWords } from './synonyms.js';
import { jiebaFile } from './wordRarity.js';

let segmenter: Jieba | undefined;
const stop = new Set(stopWords);
const MEANINGFUL = /[\p{L}\p{N}]/u;

/**
 * Words the general dictionary does not keep whole but this domain needs whole (残障人士, 田林街道, 助餐...):
 * synonyms, taxonomy labels and place names. Added once, with a frequency that lets them win over HMM guesses.
 */
export function domainWords(): string[] {
  const words = new Set<string>(synonymWords());
  for (const list of [kinds, subkinds, domains]) for (const item of list.items) words.add(item.zh);
  for (const d of districts.items) words.add(d.zh).add(d.shortZh);
  for (const s of streets.items) {
    words.add(s.zh);
    const short = s.zh.replace(/(街道|镇|乡)$/, '');
    if (short.length >= 2) words.add(short);
  }
  return [...words].filter((w) => /^\p{Script=Han}{2,}$/u.test(w));
}

/**
 * The jieba instance, with its default dictionary and the domain words; loaded once per process (~0.2 s). The
 * dictionary file's 5 MB are read here and let go once jieba holds its words.
 */
export function jieba(): Jieba {
  if (!segmenter) {
    const instance = Jieba.withDict(jiebaFile('dict.txt'));
    const missing = domainWords().filter((w) => {
      const cut = instance.cut(w, false);
      return cut.length !== 1 || cut[0] !== w;
    });
    if (missing.length) instance.loadDict(Buffer.from(missing.map((w) => `${w} 1000 n`).join('\n')));
    segmenter = instance;
  }
  return segmenter;
}

export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function keep(tokens: string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    const token = t.trim();
    if (token && MEANINGFUL.test(token) && !stop.has(token)) out.push(token);
  }
  return out;
}

/** Tokens of a document field (search mode: longer words also give their parts). */
export function indexTokens(text: string): string[] {
  return keep(jieba().cutForSearch(normalizeText(text), true));
}

/** Tokens of a query, each once, in query order. */
export function queryTokens(text: string): string[] {
  return [...new Set(keep(jieba().cut(normalizeText(text), true)))];
}

/** Whether a token is Latin letters or digits only (prefix and typo matching make sense only for these). */
export function isLatinToken(token: string): boolean {
  return /^[a-z0-9][a-z0-9'-]*$/.test(token);
}
