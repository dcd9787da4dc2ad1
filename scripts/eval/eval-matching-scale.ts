/**
 * `npm run eval:matching -- --scale [listings]`: the labelled set among generated listings (100,000 by default).
 *
 * The labelled offers are indexed with the open generated listings in the embedded search engine; each labelled
 * need then goes through the live recommendation path (candidates from the engine, the real ranking), so a
 * labelled offer the engine fails to bring among the candidates, or that a generated listing outranks, counts as
 * missed. Generated listings were judged by nobody: they count as not relevant, which makes the figures a floor.
 */
import type { Listing } from '@app/shared';
import { listingSchema } from '@app/shared';
import { EmbeddedSearchEngine } from '../../server/src/search/embedded/engine.js';
import { toSearchDocument } from '../../server/src/search/listingDocument.js';
import { loadLabelledSet } from './labelled-set.js';
import { rankCandidates } from '../../server/src/modules/matching/rank.js';
import { candidateHits } from '../../server/src/modules/matching/recommendations.js';
import { relevanceTo } from '../../server/src/modules/matching/textMatch.js';
import { countsForListings, generateDataset } from '../../server/src/seed/generate/generate.js';

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const ndcg = (grades: number[], ideal: number[], k: number) => {
  const dcg = (gs: number[]) => gs.slice(0, k).reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  const best = dcg([...ideal].sort((a, b) => b - a));
  return best > 0 ? dcg(grades) / best : 0;
};

/** A generated listing as the API would present it. */
function presented(key: string, ownerKey: string, body: object, status: string, createdAt: string): Listing {
  return listingSchema.parse({
    ...body,
    id: key,
    status,
    ownerId: ownerKey,
    verified: false,
    createdAt,
    updatedAt: createdAt,
  });
}

export async function evaluateAtScale(count: number, verbose: boolean) {
  const started = performance.now();
  const set = loadLabelledSet();
  const data = generateDataset({ seed: 42, ...countsForListings(count) });
  const engine = new EmbeddedSearchEngine('eval-scale');
  await engine.ensureIndex();
  const generated = data.listings
    .filter((g) => g.status === 'open')
    .map((g) => presented(g.key, g.ownerKey, g.body, g.status, g.createdAt));
  const all = [...generated, ...set.offers];
  for (let i = 0; i < all.length; i += 5000)
    await engine.upsert(all.slice(i, i + 5000).map(toSearchDocument), { wait: false });
  const indexedMs = performance.now() - started;

  const results: {
    need: (typeof set.needs)[number];
    precisionAt5: number;
    ndcgAt10: number;
    recall: number;
    top: ReturnType<typeof rankCandidates>['matches'];
  }[] = [];
  for (const need of set.needs) {
    const hits = await candidateHits(engine, need.listing);
    const byId = new Map(hits.filter((h) => h.listing).map((h) => [h.id, h.listing!]));
    const ranking = rankCandidates(
      need.listing,
      [...byId.values()],
      {
        now: set.asOf,
        subjectOrg: need.org,
        organizationOf: set.organizationOf,
        recordOf: set.recordOf,
        relevanceOf: relevanceTo(need.listing),
      },
      { limit: 10 },
    );
    const grades = ranking.matches.map((m) => need.relevant.get(m.listing.id) ?? 0);
    const found = [...need.relevant.keys()].filter((id) => byId.has(id)).length;
    results.push({
      need,
      precisionAt5: grades.slice(0, 5).filter((g) => g > 0).length / 5,
      ndcgAt10: ndcg(grades, [...need.relevant.values()], 10),
      recall: found / need.relevant.size,
      top: ranking.matches.slice(0, 5),
    });
  }
  if (verbose) {
    for (const r of results) {
      console.log(
        `\n${r.need.listing.id} ${r.need.listing.title} P@5=${r.precisionAt5.toFixed(2)} candidates' recall=${r.recall.toFixed(2)}`,
      );
      for (const m of r.top)
        console.log(
          `   ${r.need.relevant.has(m.listing.id) ? '★' : '·'} ${String(m.score).padStart(3)} ${m.listing.title}`,
        );
    }
  }
  const mean = (f: (r: (typeof results)[number]) => number) =>
    round3(results.reduce((s, r) => s + f(r), 0) / results.length);
  return {
    eval: 'matching-scale',
    listings: count,
    indexed: all.length,
    needs: results.length,
    'precision@5': mean((r) => r.precisionAt5),
    'ndcg@10': mean((r) => r.ndcgAt10),
    candidateRecall: mean((r) => r.recall),
    index_ms: Math.round(indexedMs),
    ms: Math.round(performance.now() - started),
  };
}
