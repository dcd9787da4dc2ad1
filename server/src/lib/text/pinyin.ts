/**
 * Pinyin in queries: 'zhucan', 'zhu can' or 'laoren' typed on a phone without a Chinese keyboard finds 助餐 and
 * 老人. A query's runs of Latin letters that read, whole, as the toneless pinyin of Chinese words some lexicon knows
 * are rewritten into those words before the query is cut; any other Latin text (an English word, a brand) stays as
 * typed. Nothing is added to the index: the embedded adapter's lexicon is its own vocabulary read lazily, the
 * Meilisearch adapter's is the domain vocabulary (taxonomy labels, place names, synonyms).
 */
import { pinyin } from 'pinyin-pro';
import { domainWords } from './tokenizer.js';

/** Words of at least this many characters are keyed: one syllable alone (can, an, men) is too often English. */
const MIN_CHARS = 2;
/** Words longer than this are not keyed (a lexicon of long words costs memory and seldom matches a query). */
const MAX_CHARS = 6;
const HAN_WORD = new RegExp(`^\\p{Script=Han}{${MIN_CHARS},${MAX_CHARS}}$`, 'u');
/** A run of Latin letters, possibly split by spaces or apostrophes (zhu can, xi'an). */
const LATIN_RUN = /[a-z]+(?:[\s'’]+[a-z]+)*/g;
/** Longest run rewritten; longer Latin text is a sentence, not pinyin. */
const MAX_RUN = 40;

/** The toneless pinyin of a Chinese word, letters only (助餐 → zhucan, 绿化 → lvhua); '' when it is not one. */
export function pinyinKey(word: string): string {
  if (!HAN_WORD.test(word)) return '';
  const syllables = pinyin(word, { toneType: 'none', type: 'array' });
  return syllables.join('').replace(/ü/g, 'v');
}

/** Chinese words by their pinyin key; among words sharing a key the one used most wins. */
export class PinyinLexicon {
  private readonly words = new Map<string, string[]>();

  constructor(private readonly usage: (word: string) => number = () => 1) {}

  add(word: string): void {
    const key = pinyinKey(word);
    if (!key) return;
    const list = this.words.get(key);
    if (!list) this.words.set(key, [word]);
    else if (!list.includes(word)) list.push(word);
  }

  /** The word a key stands for (the most used one still in use), if any. */
  wordFor(key: string): string | undefined {
    const list = this.words.get(key);
    if (!list) return undefined;
    let best: string | undefined;
    let most = 0;
    for (const word of list) {
      const used = this.usage(word);
      if (used > most) [best, most] = [word, used];
    }
    return best;
  }

  /** Keys held (for measuring what the lexicon costs). */
  get size(): number {
    return this.words.size;
  }
}

/**
 * The words that spell a string of letters, fewest words first (zhucan → 助餐; laorenzhucan → 老人 助餐); undefined
 * when the letters cannot be read whole as words of the lexicon.
 */
function spell(letters: string, lexicon: PinyinLexicon): string[] | undefined {
  // best[i]: the fewest words spelling letters[0, i).
  const best: (string[] | undefined)[] = [[]];
  for (let end = 1; end <= letters.length; end++) {
    for (let start = 0; start < end; start++) {
      const before = best[start];
      if (!before || (best[end] && best[end]!.length <= before.length + 1)) continue;
      const word = lexicon.wordFor(letters.slice(start, end));
      if (word) best[end] = [...before, word];
    }
  }
  return best[letters.length];
}

/**
 * The query with its pinyin rewritten into Chinese words; `keep` says which Latin words are to stay as typed
 * (words the index itself holds, such as an English word in a title).
 */
export function expandPinyin(
  query: string,
  lexicon: PinyinLexicon,
  keep: (word: string) => boolean = () => false,
): string {
  const text = query.normalize('NFKC').toLowerCase();
  if (!/[a-z]/.test(text)) return query;
  let changed = false;
  const out = text.replace(LATIN_RUN, (run) => {
    if (run.length > MAX_RUN) return run;
    const typed = run.split(/[\s'’]+/);
    // The run as one (zhu can → 助餐), else each typed word by itself (zhucan plus → 助餐 plus).
    const whole = typed.some(keep) ? undefined : spell(typed.join(''), lexicon);
    const read = whole ? [whole] : typed.map((w) => (keep(w) ? undefined : spell(w, lexicon)));
    if (!read.some((words) => words?.length)) return run;
    changed = true;
    return ` ${read.map((words, i) => (words?.length ? words.join(' ') : typed[i])).join(' ')} `;
  });
  return changed ? out.replace(/\s+/g, ' ').trim() : query;
}

let domainSet: ReadonlySet<string> | undefined;
let domainLexicon: PinyinLexicon | undefined;

/** The domain vocabulary: taxonomy labels, place names and synonyms. */
function domainVocabulary(): ReadonlySet<string> {
  domainSet ??= new Set(domainWords());
  return domainSet;
}

/** Whether a word is of the domain vocabulary (a code label or place name a query may name). */
export const isDomainWord = (word: string): boolean => domainVocabulary().has(word);

/** The domain vocabulary by pinyin, built once (what the Meilisearch adapter reads pinyin against). */
export function domainPinyinLexicon(): PinyinLexicon {
  if (!domainLexicon) {
    domainLexicon = new PinyinLexicon();
    for (const word of domainVocabulary()) domainLexicon.add(word);
  }
  return domainLexicon;
}
