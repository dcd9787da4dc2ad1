/**
 * Text relevance of a pair, judged from the two listings alone: the share of what the need says (its title words
 * counting twice its description's, each weighed by how telling the word is in general Chinese) that the offer
 * also says. Being a function of the pair only, the figure is the same in a recommendation, on the match page and
 * in a bundle, whatever else is indexed, and a listing among 100,000 scores as it does among 100.
 */
import type { Listing } from '@app/shared';
import { synonymsOf } from '../../lib/text/synonyms.js';
import { indexTokens, queryTokens } from '../../lib/text/tokenizer.js';
import { generalIdf } from '../../lib/text/wordRarity.js';
import {
  detachNeed,
  detachOffer,
  needRing,
  offerRing,
  packNeed,
  packOffer,
  readNeed,
  readOffer,
  roomIn,
  type NeedWords,
  type OfferWords,
} from './textRecords.js';
import { characterSet, markHeld, onWordNumbersReset, renumberWhenFull, wordSet } from './wordSets.js';

/** Words every listing uses to say "I ask" or "I give", and fillers; they tell nothing about what. */
const FRAME = new Set(
  (
    '急需 需要 需求 寻求 寻找 想找 招募 诚招 征集 希望 提供 免费 求助 可以 能够 我们 他们 一个 一些 每 次 年 月 天 ' +
    '服务 项目 活动 社区 开展 相关 支持 帮助 欢迎 进行 工作 以上 左右 以及 其他 方面 主要 目前 长期'
  ).split(' '),
);
/** Weight of a word not in the general word list: rare, so telling. */
const UNKNOWN_IDF = 11;
/** A word of the need's title counts this many times one of its description (2 and 3 measured worse). */
const TITLE_WEIGHT = 1;
/** A word found only in the offer's description counts this share of one found in its title. */
const DESCRIPTION_HIT = 0.7;
/**
 * The share of the need's weighted words at which relevance reads as full. Near 1, so that relevance stays in
 * proportion to what the offer says of the need: one that says most of it ranks above one that says half (0.55
 * saturated early and measured P@5 0.805 on the labelled set; 0.9 gives 0.826 with the broad sub-kinds of kindFit.ts).
 */
const FULL_AT = 0.9;

/** A need word found only in part (午饭 against 午餐) earns this share per character found. */
const PART_HIT = 0.3;

/** General-language rarity of a word (jieba's IDF list, lib/text/wordRarity.ts). */
const idf = (word: string): number => generalIdf(word) ?? UNKNOWN_IDF;

/**
 * Loads what text relevance reads, jieba's dictionary and the IDF table (about half a second of CPU), so that
 * a server process pays it before it takes requests rather than in its first ranking.
 */
export function warmTextRelevance(): void {
  idf('');
  queryTokens('');
}

/** One word for each synonym group, so 送餐 and 助餐 meet. */
const canonical = (word: string) => {
  const synonyms = synonymsOf(word);
  return synonyms.length ? [word, ...synonyms].sort()[0]! : word;
};

const meaningful = (w: string) => !FRAME.has(w) && (w.length > 1 || /[a-z0-9]/.test(w));

type NeedText = Pick<Listing, 'title' | 'description'> & Partial<Pick<Listing, 'id' | 'updatedAt'>>;

/**
 * The need's weighted words and their sum, cached per listing version like an offer's (textRecords.ts): when the
 * subject is an offer, every candidate need is cut into words, and the same needs come back as candidates call
 * after call. Read it before the next need is cut, or detach it.
 */
function needWordsOf(need: NeedText): NeedWords {
  const key = need.id && need.updatedAt ? `${need.id}@${need.updatedAt}` : undefined;
  const cached = key === undefined ? undefined : needRing().get(key);
  if (cached) return readNeed(cached);
  const weighted = needWords(need);
  let total = 0;
  for (const weight of weighted.values()) total += weight;
  return packNeed([...weighted], total, roomIn(needRing(), key));
}

/** The need's words with their weights (title words count double). */
function needWords(need: Pick<Listing, 'title' | 'description'>): Map<string, number> {
  const words = new Map<string, number>();
  const add = (w: string, weight: number) => {
    if (!meaningful(w)) return;
    const c = canonical(w);
    words.set(c, Math.max(words.get(c) ?? 0, weight * idf(w)));
  };
  for (const w of queryTokens(need.title)) add(w, TITLE_WEIGHT);
  for (const w of queryTokens(need.description)) add(w, 1);
  return words;
}

onWordNumbersReset(() => {
  offerRing().clear();
  needRing().clear();
});

/** The offer's words, search mode (a long word also gives its parts), cached per listing version. */
function offerWords(offer: Pick<Listing, 'id' | 'title' | 'description' | 'updatedAt'>): OfferWords {
  const key = `${offer.id}@${offer.updatedAt}`;
  const cached = offerRing().get(key);
  if (cached) return readOffer(cached);
  const set = (text: string) => wordSet(indexTokens(text).map(canonical));
  const chars = characterSet(
    [...`${offer.title}${offer.description}`].filter((c) => /\p{Script=Han}/u.test(c)),
  );
  return packOffer(set(offer.title), set(offer.description), chars, roomIn(offerRing(), key));
}

type OfferText = Pick<Listing, 'id' | 'title' | 'description' | 'updatedAt'>;

/** For one need, how much of what it says each offer also says, 0..1 (the need's words are cut once). */
export function relevanceTo(need: NeedText): (offer: OfferText) => number {
  renumberWhenFull();
  const wanted = detachNeed(needWordsOf(need));
  return (offer) => (wanted.total === 0 ? 0 : relevanceOf(wanted, offerWords(offer)));
}

/** Where each need word was found (1 title, 2 description, 0 neither), and which need characters the offer has. */
let found = new Uint8Array(64);
let present = new Uint8Array(256);

/**
 * How much of the need's weighted words the offer's words say, 0..1. The need's sorted numbers are walked along
 * the offer's title and description once each, and its characters along the offer's when a word is missing; the
 * sum is then taken word by word in the need's order, as before (the same figure to the last bit).
 */
function relevanceOf(need: NeedWords, offer: OfferWords): number {
  const { words, floats, n, total, weightsAt, partsAt, numbersAt, orderAt, charactersAt, characters } = need;
  if (found.length < n) found = new Uint8Array(n * 2);
  found.fill(0, 0, n);
  const held = offer.words;
  markHeld(words, numbersAt, n, orderAt, held, offer.titleAt, offer.titleLength, found, 1);
  markHeld(words, numbersAt, n, orderAt, held, offer.descriptionAt, offer.descriptionLength, found, 2);
  let charactersRead = false;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const weight = floats[weightsAt + i]!;
    const length = words[partsAt + i]!;
    const at = found[i];
    if (at === 1) sum += weight;
    else if (at === 2) sum += weight * DESCRIPTION_HIT;
    else if (length > 1) {
      if (!charactersRead) {
        if (present.length < characters) present = new Uint8Array(characters * 2);
        present.fill(0, 0, characters);
        markHeld(
          words,
          charactersAt,
          characters,
          undefined,
          held,
          offer.charsAt,
          offer.charsLength,
          present,
          1,
        );
        charactersRead = true;
      }
      let shared = 0;
      for (let p = words[partsAt + n + i]!, end = words[partsAt + n + i + 1]!; p < end; p++)
        if (present[words[partsAt + p]!] === 1) shared++;
      sum += weight * PART_HIT * (shared / length);
    }
  }
  return Math.min(1, sum / total / FULL_AT);
}

/** The text relevance of one pair, 0..1. */
export const textRelevance = (need: NeedText, offer: OfferText): number => relevanceTo(need)(offer);

/** Relevance of a candidate to a subject, whichever of them is the need. */
export function pairRelevance(subject: Listing): (candidate: Listing) => number {
  if (subject.side === 'need') return relevanceTo(subject);
  renumberWhenFull();
  // The subject is the offer: its words are looked up once, each candidate need's from the cache.
  const offer = detachOffer(offerWords(subject));
  return (candidate) => {
    const wanted = needWordsOf(candidate);
    return wanted.total === 0 ? 0 : relevanceOf(wanted, offer);
  };
}
