import type { RubricCriterion } from '@app/shared';
import type { DetailInput } from '../../lib/errors.js';

/**
 * One review's weighted score, 0..100: Σ weight·score/max over the rubric ÷ Σ weight × 100. Null when a criterion
 * has no score (a recusal that gave none).
 */
export function weightedScore(rubric: RubricCriterion[], scores: Record<string, number>): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of rubric) {
    const score = scores[c.key];
    if (score === undefined) return null;
    sum += (c.weight * score) / c.max;
    weights += c.weight;
  }
  return weights > 0 ? round((sum / weights) * 100) : null;
}

/** Two decimals: what the API shows, so that a figure recomputed from the scores matches it. */
const round = (n: number) => Math.round(n * 100) / 100;

export interface Tally {
  counted: number;
  recused: number;
  /** The mean of the counted reviews' weighted scores; null when none is counted. */
  meanScore: number | null;
}

/** The decision's tally over the reviews in: recused ones are counted apart and never in the mean. */
export function tallyOf(reviews: { recused: boolean; weightedScore: number | null }[]): Tally {
  const counted = reviews.filter((r) => !r.recused && r.weightedScore !== null);
  const recused = reviews.length - counted.length;
  const meanScore = counted.length
    ? round(counted.reduce((s, r) => s + r.weightedScore!, 0) / counted.length)
    : null;
  return { counted: counted.length, recused, meanScore };
}

/** Each problem with the scores, naming its criterion: missing, out of 0..max, or no such criterion. */
export function scoreProblems(
  rubric: RubricCriterion[],
  scores: Record<string, number>,
  { requireAll }: { requireAll: boolean },
): DetailInput[] {
  const problems: DetailInput[] = [];
  const keys = new Set(rubric.map((c) => c.key));
  for (const key of Object.keys(scores)) {
    if (!keys.has(key))
      problems.push({
        path: `scores.${key}`,
        message: { key: 'field.unknownCriterion', params: { key } },
        code: 'unknown_criterion',
      });
  }
  for (const c of rubric) {
    const score = scores[c.key];
    if (score === undefined) {
      if (requireAll)
        problems.push({
          path: `scores.${c.key}`,
          message: { key: 'field.missingScore', params: { key: c.key } },
          code: 'missing_score',
        });
    } else if (!Number.isFinite(score) || score < 0 || score > c.max) {
      problems.push({
        path: `scores.${c.key}`,
        message: { key: 'field.scoreRange', params: { key: c.key, max: c.max } },
        code: 'score_range',
      });
    }
  }
  return problems;
}
