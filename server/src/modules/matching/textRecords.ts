/**
 * A listing's words as text relevance reads them (textMatch.ts), packed into one record of 32-bit words: a need's
 * weighted words, an offer's sets of words and characters. Records are cached per listing version in two rings
 * (recordRing.ts), bounded in bytes. At 100,000 generated listings a need's record is about 1.5 KiB and an offer's
 * about 0.6 KiB, so the rings hold about 22,000 needs and 20,000 offers, as many as the caches of typed arrays before
 * them (20,000 each) and every listing of the 20,000-listing world the 1,000-user load runs on (11,155 needs, 8,845
 * offers), in 44 MiB where those took about 108 MiB when full.
 */
import { detach, RecordRing, standalone, type RecordPlace } from './recordRing.js';
import { sortedUnique, wordNumber } from './wordSets.js';

const NEED_RING_BYTES = 32 * 1024 * 1024;
const OFFER_RING_BYTES = 12 * 1024 * 1024;

let needs: RecordRing | undefined;
let offers: RecordRing | undefined;
/** The cached needs' records (the ring's buffer taken at first use). */
export const needRing = (): RecordRing => (needs ??= new RecordRing(NEED_RING_BYTES));
/** The cached offers' records. */
export const offerRing = (): RecordRing => (offers ??= new RecordRing(OFFER_RING_BYTES));

/** Room for a record: in the ring under the key when there is one and it fits, else in a buffer of its own. */
export const roomIn =
  (ring: RecordRing, key: string | undefined) =>
  (length: number): RecordPlace =>
    (key === undefined ? undefined : ring.put(key, length)) ?? standalone(length);

/**
 * A need's words in the order they are summed. Word i weighs `floats[weightsAt + i]`; `words[partsAt + i]` is its
 * length in UTF-16 units (as the share found is counted); its characters, for a word found only in part, are
 * positions among the need's characters, at `words[partsAt + words[partsAt + n + i]]` up to the next word's start
 * (offsets from `partsAt`; n words). What lets an offer's sets be walked once rather than searched per word: the
 * word numbers sorted (at `numbersAt`; `words[orderAt + k]` is the position of the k-th among the words), and
 * every character of the words (code points) sorted, at `charactersAt`.
 */
export interface NeedWords {
  words: Uint32Array;
  floats: Float64Array;
  n: number;
  total: number;
  weightsAt: number;
  partsAt: number;
  numbersAt: number;
  orderAt: number;
  charactersAt: number;
  characters: number;
  /** Where the record begins, and its length in words. */
  at: number;
  length: number;
}

/*
 * A need's record, from `at` (even): n, the count of characters, the length of the parts, a spare word; then as
 * floats the total and the n weights; then the parts, the sorted numbers, the order and the characters.
 */
const NEED_FLOATS_AT = 4;

/** Packs a need's weighted words (in their summing order) into the room `roomFor` gives. */
export function packNeed(
  weighted: [string, number][],
  total: number,
  roomFor: (length: number) => RecordPlace,
): NeedWords {
  const n = weighted.length;
  const codePoints = weighted.map(([word]) => Array.from(word, (c) => c.codePointAt(0)!));
  const characters = sortedUnique(codePoints.flat());
  let partCount = 0;
  for (const points of codePoints) partCount += points.length;
  const partsLength = 2 * n + 1 + partCount;
  const place = roomFor(NEED_FLOATS_AT + 2 * (1 + n) + partsLength + 2 * n + characters.length);
  const { words, floats, at } = place;
  words[at] = n;
  words[at + 1] = characters.length;
  words[at + 2] = partsLength;
  words[at + 3] = 0;
  floats[(at + NEED_FLOATS_AT) / 2] = total;
  const need = readNeed(place);
  const numbers: number[] = [];
  let next = 2 * n + 1;
  weighted.forEach(([word, weight], i) => {
    floats[need.weightsAt + i] = weight;
    numbers.push(wordNumber(word));
    words[need.partsAt + i] = word.length;
    words[need.partsAt + n + i] = next;
    for (const c of codePoints[i]!) words[need.partsAt + next++] = positionIn(characters, c);
  });
  words[need.partsAt + 2 * n] = next;
  const order = Array.from(numbers.keys()).sort((x, y) => numbers[x]! - numbers[y]!);
  order.forEach((position, k) => {
    words[need.numbersAt + k] = numbers[position]!;
    words[need.orderAt + k] = position;
  });
  words.set(characters, need.charactersAt);
  return need;
}

/** The need whose record is at the place. */
export function readNeed({ words, floats, at }: RecordPlace): NeedWords {
  const n = words[at]!;
  const characters = words[at + 1]!;
  const partsLength = words[at + 2]!;
  const weightsAt = (at + NEED_FLOATS_AT) / 2 + 1;
  const partsAt = at + NEED_FLOATS_AT + 2 * (1 + n);
  const numbersAt = partsAt + partsLength;
  const orderAt = numbersAt + n;
  const charactersAt = orderAt + n;
  return {
    words,
    floats,
    n,
    total: floats[weightsAt - 1]!,
    weightsAt,
    partsAt,
    numbersAt,
    orderAt,
    charactersAt,
    characters,
    at,
    length: charactersAt + characters - at,
  };
}

/** The need's words in a buffer of their own: the ring may reuse its place while the need is still being read. */
export const detachNeed = (need: NeedWords): NeedWords => readNeed(detach(need.words, need.at, need.length));

/** An offer's words as sets of their numbers, title and description apart, and its Chinese characters. */
export interface OfferWords {
  words: Uint32Array;
  titleAt: number;
  titleLength: number;
  descriptionAt: number;
  descriptionLength: number;
  charsAt: number;
  charsLength: number;
  /** Where the record begins, and its length in words. */
  at: number;
  length: number;
}

/** An offer's record, from `at`: the three sets' lengths, then the sets. */
export function packOffer(
  title: number[],
  description: number[],
  chars: number[],
  roomFor: (length: number) => RecordPlace,
): OfferWords {
  const place = roomFor(3 + title.length + description.length + chars.length);
  const { words, at } = place;
  words[at] = title.length;
  words[at + 1] = description.length;
  words[at + 2] = chars.length;
  words.set(title, at + 3);
  words.set(description, at + 3 + title.length);
  words.set(chars, at + 3 + title.length + description.length);
  return readOffer(place);
}

/** The offer whose record is at the place. */
export function readOffer({ words, at }: RecordPlace): OfferWords {
  const titleLength = words[at]!;
  const descriptionLength = words[at + 1]!;
  const charsLength = words[at + 2]!;
  return {
    words,
    titleAt: at + 3,
    titleLength,
    descriptionAt: at + 3 + titleLength,
    descriptionLength,
    charsAt: at + 3 + titleLength + descriptionLength,
    charsLength,
    at,
    length: 3 + titleLength + descriptionLength + charsLength,
  };
}

/** The offer's words in a buffer of their own. */
export const detachOffer = (offer: OfferWords): OfferWords =>
  readOffer(detach(offer.words, offer.at, offer.length));

/** The position of a value the sorted list holds. */
function positionIn(list: number[], value: number): number {
  let low = 0;
  let high = list.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
