import { describe, expect, it } from 'vitest';
import { scoreProblems, tallyOf, weightedScore } from './tally.js';

const rubric = [
  { key: 'need', label: '社会需求', weight: 2, max: 10 },
  { key: 'team', label: '团队', weight: 1, max: 4 },
];

describe('the review tally', () => {
  it('weights each criterion by weight·score/max over the sum of weights, on 0..100', () => {
    expect(weightedScore(rubric, { need: 10, team: 4 })).toBe(100);
    expect(weightedScore(rubric, { need: 0, team: 0 })).toBe(0);
    // (2·0.5 + 1·0.25) / 3 × 100 = 41.666… → 41.67
    expect(weightedScore(rubric, { need: 5, team: 1 })).toBe(41.67);
    expect(weightedScore(rubric, { need: 5 })).toBeNull();
  });

  it('means the counted reviews only', () => {
    const tally = tallyOf([
      { recused: false, weightedScore: 80 },
      { recused: true, weightedScore: 100 },
      { recused: false, weightedScore: 50 },
    ]);
    expect(tally).toEqual({ counted: 2, recused: 1, meanScore: 65 });
    expect(tallyOf([{ recused: true, weightedScore: null }])).toEqual({
      counted: 0,
      recused: 1,
      meanScore: null,
    });
  });

  it('names each bad key', () => {
    expect(scoreProblems(rubric, { need: 11, extra: 1 }, { requireAll: true }).map((p) => p.path)).toEqual([
      'scores.extra',
      'scores.need',
      'scores.team',
    ]);
    expect(scoreProblems(rubric, {}, { requireAll: false })).toEqual([]);
  });
});
