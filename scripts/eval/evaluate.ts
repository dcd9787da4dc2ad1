/**
 * Runs the real ranking over the labelled set and measures it: precision@5 (share of the top five an operator
 * judged relevant) and nDCG@10 (graded gains 2^g − 1, ideal order from all labelled offers), each averaged over
 * the needs, for all needs, the tuning part and the held-out third.
 */
import type { MatchLabel } from '@app/shared';
import { rankCandidates } from '../../server/src/modules/matching/rank.js';
import type { Weights } from '../../server/src/modules/matching/weights.js';
import { loadLabelledSet, type LabelledNeed, type LabelledSet } from './labelled-set.js';
import { relevanceTo } from '../../server/src/modules/matching/textMatch.js';

export interface NeedResult {
  id: string;
  title: string;
  heldOut: boolean;
  precisionAt5: number;
  ndcgAt10: number;
  /** The ten best matches with the grade the operator gave each (0 = not relevant), their score and label. */
  top: { id: string; grade: number; score: number; label: MatchLabel; title: string }[];
  /** Relevant offers that did not reach the top five, with where they ranked (0 = excluded or dropped). */
  missed: { id: string; grade: number; rank: number }[];
  /** Expected exclusions that did not show up as excluded with the expected rule. */
  exclusionMisses: string[];
}

export interface Means {
  needs: number;
  precisionAt5: number;
  ndcgAt10: number;
}

/** Per label, how many of the pairs ranked in a need's top ten carry it, and the share an operator judged relevant. */
export type LabelBands = Record<MatchLabel, { pairs: number; relevant: number }>;

export interface EvaluationReport {
  offers: number;
  labels: LabelBands;
  all: Means;
  tuning: Means;
  heldOut: Means;
  exclusions: { expected: number; found: number };
  perNeed: NeedResult[];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function ndcg(grades: number[], ideal: number[], k: number): number {
  const dcg = (gs: number[]) => gs.slice(0, k).reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  const best = dcg([...ideal].sort((a, b) => b - a));
  return best > 0 ? dcg(grades) / best : 0;
}

/** The real ranking of the labelled offer pool for one need, as the recommendations rank candidates. */
export function rankForNeed(need: LabelledNeed, set: LabelledSet, limit: number, weights?: Weights) {
  return rankCandidates(
    need.listing,
    set.offers,
    {
      now: set.asOf,
      subjectOrg: need.org,
      organizationOf: set.organizationOf,
      recordOf: set.recordOf,
      relevanceOf: relevanceTo(need.listing),
      ...(weights ? { weights } : {}),
    },
    { limit },
  );
}

function evaluateNeed(need: LabelledNeed, set: LabelledSet, weights?: Weights): NeedResult {
  const ranking = rankForNeed(need, set, set.offers.length, weights);
  const grade = (id: string) => need.relevant.get(id) ?? 0;
  const ranked = ranking.matches.map((m) => m.listing.id);
  const grades = ranked.map(grade);
  const precisionAt5 = grades.slice(0, 5).filter((g) => g > 0).length / 5;
  const ndcgAt10 = ndcg(grades, [...need.relevant.values()], 10);
  const missed = [...need.relevant]
    .map(([id, g]) => ({ id, grade: g, rank: ranked.indexOf(id) + 1 }))
    .filter((m) => m.rank === 0 || m.rank > 5);
  const exclusionMisses = [...need.expectExcluded]
    .filter(
      ([id, factor]) =>
        !ranking.excluded.some((e) => e.listing.id === id && e.reasons.some((r) => r.factor === factor)),
    )
    .map(([id]) => id);
  return {
    id: need.listing.id,
    title: need.listing.title,
    heldOut: need.heldOut,
    precisionAt5,
    ndcgAt10,
    top: ranking.matches.slice(0, 10).map((m) => ({
      id: m.listing.id,
      grade: grade(m.listing.id),
      score: m.score,
      label: m.label,
      title: m.listing.title,
    })),
    missed,
    exclusionMisses,
  };
}

function means(results: NeedResult[]): Means {
  const avg = (f: (r: NeedResult) => number) =>
    results.length ? results.reduce((s, r) => s + f(r), 0) / results.length : 0;
  return {
    needs: results.length,
    precisionAt5: round3(avg((r) => r.precisionAt5)),
    ndcgAt10: round3(avg((r) => r.ndcgAt10)),
  };
}

/** Ranks the offer pool for every labelled need and reports the figures; other weights may be tried. */
export function evaluateMatching(options: { weights?: Weights; set?: LabelledSet } = {}): EvaluationReport {
  const set = options.set ?? loadLabelledSet();
  const perNeed = set.needs.map((need) => evaluateNeed(need, set, options.weights));
  const expected = set.needs.reduce((s, n) => s + n.expectExcluded.size, 0);
  const missedExclusions = perNeed.reduce((s, r) => s + r.exclusionMisses.length, 0);
  const labels: LabelBands = {
    high: { pairs: 0, relevant: 0 },
    mid: { pairs: 0, relevant: 0 },
    low: { pairs: 0, relevant: 0 },
  };
  for (const r of perNeed)
    for (const t of r.top) {
      labels[t.label].pairs++;
      if (t.grade > 0) labels[t.label].relevant++;
    }
  for (const band of Object.values(labels))
    band.relevant = band.pairs ? round3(band.relevant / band.pairs) : 0;
  return {
    offers: set.offers.length,
    labels,
    all: means(perNeed),
    tuning: means(perNeed.filter((r) => !r.heldOut)),
    heldOut: means(perNeed.filter((r) => r.heldOut)),
    exclusions: { expected, found: expected - missedExclusions },
    perNeed,
  };
}
