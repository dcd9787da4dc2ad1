/**
 * A stand-in for the search engine's relevance, used only by the evaluation: jieba search-mode tokens of title
 * and description (title counted twice), the two synonym groups the architecture names for the search engine
 * (老人/老年人/长者, 残疾人/残障人士), TF-IDF weights over the offer pool, cosine similarity, then divided by the
 * best candidate's so that the top text match gets 1, as a normalized engine score would.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import type { Listing } from '@app/shared';

export const TEXT_RELEVANCE_METHOD =
  'jieba cutForSearch tokens, synonyms 老人/老年人/长者 and 残疾人/残障人士, TF-IDF cosine normalized by the best candidate';

let jieba: Jieba | undefined;

const SYNONYMS: Record<string, string> = {
  老年人: '老人',
  长者: '老人',
  残障人士: '残疾人',
};

// Function words and the verbs of asking and offering that every listing uses.
const STOP = new Set(
  '的 了 和 与 及 或 在 为 是 有 可 也 都 就 等 把 被 让 给 从 到 对 向 以 将 这 那 个 我 我们 你 他 她 他们 要 想 能 会 可以 需要 提供 希望 最好 一个 一些 每 次 年 月 天'.split(
    ' ',
  ),
);

/** The tokens of a text, synonyms folded, stop words and punctuation dropped. */
export function tokenize(text: string): string[] {
  jieba ??= Jieba.withDict(dict);
  return jieba
    .cutForSearch(text, true)
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t && /[\p{Script=Han}\p{L}\p{N}]/u.test(t) && !STOP.has(t))
    .map((t) => SYNONYMS[t] ?? t);
}

type Vector = Map<string, number>;

const termCounts = (l: Pick<Listing, 'title' | 'description'>): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const t of [...tokenize(l.title), ...tokenize(l.title), ...tokenize(l.description)]) {
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
};

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  for (const [t, w] of a) dot += w * (b.get(t) ?? 0);
  const norm = (v: Vector) => Math.sqrt([...v.values()].reduce((s, w) => s + w * w, 0));
  const n = norm(a) * norm(b);
  return n > 0 ? dot / n : 0;
}

/** Builds a relevance function over a pool of candidates: relevance(subject) gives each candidate's 0..1. */
export function textRelevanceOver(pool: readonly Listing[]) {
  const counts = new Map(pool.map((l) => [l.id, termCounts(l)]));
  const df = new Map<string, number>();
  for (const c of counts.values()) for (const t of c.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log((pool.length + 1) / ((df.get(t) ?? 0) + 1)) + 1;
  const weigh = (c: Map<string, number>): Vector =>
    new Map([...c].map(([t, n]) => [t, (1 + Math.log(n)) * idf(t)]));
  const vectors = new Map([...counts].map(([id, c]) => [id, weigh(c)]));

  return (subject: Listing): Map<string, number> => {
    const query = weigh(termCounts(subject));
    const raw = new Map(pool.map((l) => [l.id, cosine(query, vectors.get(l.id)!)]));
    const best = Math.max(0, ...raw.values());
    return new Map([...raw].map(([id, r]) => [id, best > 0 ? r / best : 0]));
  };
}
