/**
 * A fixed set of searches and one hash of their answers, to show that two indexes answer alike (an index read
 * back from its snapshot and one built from the database; the index before and after a change of layout).
 * Scores are rounded to 10 significant digits: adding the same terms' scores in another order may change the
 * last bits, never the ranking of listings whose scores differ.
 */
import { createHash } from 'node:crypto';
import type { SearchEngine, SearchHit, SearchQuery } from '../src/search/port.js';

const WORDS = [
  '老人 助餐',
  '儿童 托管',
  '志愿者 陪伴',
  '法律 咨询',
  '心理',
  '场地 活动',
  '残障 康复',
  '资助 养老',
];
const MORE_WORDS = [
  '培训 财务',
  '社区 议事',
  '青少年 课后',
  '环保 宣传',
  '徐汇',
  '基金会',
  'volun',
  'ngo',
  '社工',
];

export const answerQueries: SearchQuery[] = [
  {},
  { sort: 'newest', page: 3, pageSize: 25 },
  { sort: 'amount', filters: { kind: ['funding'] }, facets: ['district', 'subkind'] },
  { sort: 'distance', geo: { lat: 31.2, lng: 121.45, radiusKm: 5 }, pageSize: 50 },
  ...[...WORDS, ...MORE_WORDS].map((q, i): SearchQuery => ({
    q,
    facets: ['kind', 'domain', 'district'],
    pageSize: 40,
    ...(i % 3 === 1 ? { filters: { side: i % 2 ? 'need' : 'offer', status: ['open'] } } : {}),
    ...(i % 4 === 2 ? { sort: 'newest' } : {}),
  })),
  { q: '老人', page: 2, pageSize: 100 },
  { q: '社区 服务 中心', filters: { district: ['310104', '310115'], verified: true }, facets: ['street'] },
];

const rounded = (score: number) => Number(score.toPrecision(10));

/**
 * The answers of `answerQueries`, as one SHA-256 (with the number of hits seen, to tell an empty index apart).
 * `portable`: hits named by their listing's posting time and title, the listing without its ids and update time,
 * so that the same generated data loaded twice (new ids, new update times) hashes alike.
 */
export async function hashAnswers(
  engine: SearchEngine,
  options: { portable?: boolean } = {},
): Promise<{ hash: string; hits: number }> {
  const hash = createHash('sha256');
  let hits = 0;
  const name = (h: SearchHit) =>
    options.portable && h.listing ? `${h.listing.createdAt} ${h.listing.title}` : h.id;
  const listing = (h: SearchHit) => {
    if (!h.listing || !options.portable) return h.listing ?? null;
    const { id: _id, ownerId: _owner, organizationId: _org, updatedAt: _updated, ...rest } = h.listing;
    return rest;
  };
  for (const query of answerQueries) {
    const r = await engine.search(query);
    hits += r.hits.length;
    hash.update(
      JSON.stringify({
        total: r.total,
        facets: r.facets,
        hits: r.hits.map((h) => [name(h), rounded(h.score), h.highlight ?? null, listing(h)]),
      }),
    );
  }
  return { hash: hash.digest('hex'), hits };
}
