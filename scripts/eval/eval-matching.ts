/**
 * `npm run eval:matching [-- --verbose] [-- --weights kind=30,text=10,...] [-- --scale [listings]]`
 *
 * Ranks the labelled offer pool for every labelled need with the real scoring and prints precision@5 and
 * nDCG@10 as one JSON line (all needs, the tuning two thirds and the held-out third). `--verbose` adds each
 * need's top five and the relevant offers it missed; `--weights` tries other weights (they must sum to 100).
 * `--scale` measures the labelled set among 100,000 generated listings through the search engine instead
 * (eval-matching-scale.ts).
 */
import { evaluateAtScale } from './eval-matching-scale.js';
import { evaluateBundles } from './evaluate-bundles.js';
import { evaluateMatching } from './evaluate.js';
import {
  assertWeights,
  FACTOR_ORDER,
  WEIGHTS,
  type Weights,
} from '../../server/src/modules/matching/weights.js';
import type { ScoreFactor } from '../../server/src/modules/matching/types.js';

function parseWeights(arg: string | undefined): Weights {
  if (!arg) return WEIGHTS;
  const weights: Record<ScoreFactor, number> = { ...WEIGHTS };
  for (const pair of arg.split(',')) {
    const [name, value] = pair.split('=');
    if (!FACTOR_ORDER.includes(name as ScoreFactor))
      throw new Error(`unknown factor: ${name} (${FACTOR_ORDER.join(', ')})`);
    weights[name as ScoreFactor] = Number(value);
  }
  assertWeights(weights);
  return weights;
}

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const scaleAt = args.indexOf('--scale');
if (scaleAt >= 0) {
  const count = Number(args[scaleAt + 1]) || 100_000;
  console.log(JSON.stringify(await evaluateAtScale(count, verbose)));
  process.exit(0);
}
const weightsAt = args.indexOf('--weights');
const weights = parseWeights(weightsAt >= 0 ? args[weightsAt + 1] : undefined);

const started = performance.now();
const report = evaluateMatching({ weights });
const bundles = evaluateBundles();
const ms = Math.round(performance.now() - started);

if (verbose) {
  for (const r of report.perNeed) {
    const mark = (g: number) => (g === 2 ? '★' : g === 1 ? '☆' : '·');
    console.log(
      `\n${r.id}${r.heldOut ? ' (held out)' : ''} ${r.title}  P@5=${r.precisionAt5.toFixed(2)} nDCG@10=${r.ndcgAt10.toFixed(2)}`,
    );
    for (const t of r.top.slice(0, 5))
      console.log(`   ${mark(t.grade)} ${t.id} ${String(t.score).padStart(3)} ${t.title}`);
    if (r.missed.length) {
      console.log(`   missed: ${r.missed.map((m) => `${m.id}(${m.grade})@${m.rank || 'out'}`).join(' ')}`);
    }
    if (r.exclusionMisses.length) console.log(`   expected excluded but not: ${r.exclusionMisses.join(' ')}`);
  }
  for (const c of bundles.perCase) {
    console.log(`\n${c.id} (bundle case, expects ${c.expect}) ${c.title}`);
    for (const b of c.bundles)
      console.log(`   ${b.good ? '★' : '·'} ${b.offers.join(' + ')} covers ${b.covers}`);
  }
  console.log('');
}
console.log(
  JSON.stringify({
    eval: 'matching',
    needs: report.all.needs,
    offers: report.offers,
    weights,
    'precision@5': report.all.precisionAt5,
    'ndcg@10': report.all.ndcgAt10,
    tuning: {
      needs: report.tuning.needs,
      'precision@5': report.tuning.precisionAt5,
      'ndcg@10': report.tuning.ndcgAt10,
    },
    heldOut: {
      needs: report.heldOut.needs,
      'precision@5': report.heldOut.precisionAt5,
      'ndcg@10': report.heldOut.ndcgAt10,
    },
    exclusions: report.exclusions,
    labels: report.labels,
    bundles: {
      cases: bundles.cases,
      firstGood: bundles.firstGood,
      shownGood: bundles.shownGood,
      noneWhenOneSuffices: bundles.noneWhenOneSuffices,
    },
    ms,
  }),
);
