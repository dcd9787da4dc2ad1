/**
 * `npm run eval:matching -- --scale [listings]`: the labelled set among generated listings (100,000 by default).
 *
 * The labelled offers are indexed with the open generated listings in the embedded search engine; each labelled
 * need then goes through the live recommendation path (candidates from the engine, the real ranking), so a
 * labelled offer the engine fails to bring among the candidates, or that a generated listing outranks, counts as
 * missed. Generated listings were judged by nobody: they count as not relevant, which makes the figures a floor;
 * `judged` gives the same figures with generated listings judged by a written rule (judgeGenerated.ts). `--verbose`
 * marks each need's top five: ★ judged relevant by the operator, · labelled and not relevant, ☆ generated and
 * relevant by the rule, - generated and not.
 */
import { loadLabelledSet } from './labelled-set.js';
import { generatedJudge } from './judgeGenerated.js';
import { scaleIndex } from './scaleIndex.js';
import { rankCandidates } from '../../server/src/modules/matching/rank.js';
import { candidateHits } from '../../server/src/modules/matching/recommendations.js';
import { relevanceTo } from '../../server/src/modules/matching/textMatch.js';

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const ndcg = (grades: number[], ideal: number[], k: number) => {
  const dcg = (gs: number[]) => gs.slice(0, k).reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  const best = dcg([...ideal].sort((a, b) => b - a));
  return best > 0 ? dcg(grades) / best : 0;
};

export async function evaluateAtScale(count: number, verbose: boolean) {
  const started = performance.now();
  const set = loadLabelledSet();
  const { engine, indexed, indexMs } = await scaleIndex(count, set.offers, 'eval-scale');

  const results: {
    need: (typeof set.needs)[number];
    precisionAt5: number;
    ndcgAt10: number;
    /** The same, with generated listings judged by the written rule (judgeGenerated.ts). */
    judgedPrecisionAt5: number;
    judgedNdcgAt10: number;
    recall: number;
    top: ReturnType<typeof rankCandidates>['matches'];
  }[] = [];
  const labelled = new Set(set.offers.map((o) => o.id));
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
    const judge = generatedJudge(need, set);
    // Labelled offers keep the operator's grade; a generated listing gets the rule's.
    const judged = ranking.matches.map((m, i) =>
      labelled.has(m.listing.id) ? grades[i]! : judge(m.listing) ? 1 : 0,
    );
    const found = [...need.relevant.keys()].filter((id) => byId.has(id)).length;
    results.push({
      need,
      precisionAt5: grades.slice(0, 5).filter((g) => g > 0).length / 5,
      ndcgAt10: ndcg(grades, [...need.relevant.values()], 10),
      judgedPrecisionAt5: judged.slice(0, 5).filter((g) => g > 0).length / 5,
      // The ideal order: the labelled grades and the generated listings the rule judged relevant among these ten.
      judgedNdcgAt10: ndcg(
        judged,
        [...need.relevant.values(), ...judged.filter((g, i) => g > grades[i]!)],
        10,
      ),
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
          `   ${r.need.relevant.has(m.listing.id) ? '★' : labelled.has(m.listing.id) ? '·' : generatedJudge(r.need, set)(m.listing) ? '☆' : '-'} ${String(m.score).padStart(3)} ${m.listing.id} ${m.listing.title}`,
        );
    }
  }
  const mean = (f: (r: (typeof results)[number]) => number) =>
    round3(results.reduce((s, r) => s + f(r), 0) / results.length);
  return {
    eval: 'matching-scale',
    listings: count,
    indexed,
    needs: results.length,
    'precision@5': mean((r) => r.precisionAt5),
    'ndcg@10': mean((r) => r.ndcgAt10),
    candidateRecall: mean((r) => r.recall),
    judged: {
      rule: 'generated listings judged by scripts/eval/judgeGenerated.ts',
      'precision@5': mean((r) => r.judgedPrecisionAt5),
      'ndcg@10': mean((r) => r.judgedNdcgAt10),
    },
    index_ms: Math.round(indexMs),
    ms: Math.round(performance.now() - started),
  };
}
