/**
 * Measures bundles on the labelled bundle cases: each need is ranked against the labelled offer pool with the real
 * scoring, and the real bundle builder makes its sets from the ranking, as GET /listings/:id/bundles does.
 * A bundle is good when every offer in it is one the operator judged relevant to the need.
 */
import { bundlesFor } from '../../server/src/modules/matching/bundles.js';
import { stillLacking } from '../../server/src/modules/matching/commitment.js';
import { rankForNeed } from './evaluate.js';
import { bundleCases, type BundleCase } from './labelled-bundles.js';
import { expandNeed, loadLabelledSet, type LabelledSet } from './labelled-set.js';

/** As many ranked offers as the bundles route builds from. */
const RANKED = 40;
const SHOWN = 3;

export interface BundleCaseResult {
  id: string;
  title: string;
  expect: BundleCase['expect'];
  /** The bundles shown, each as its offers' ids and whether all of them are relevant. */
  bundles: { offers: string[]; good: boolean; covers: number | undefined }[];
}

export interface BundleReport {
  cases: number;
  /** Cases expecting a bundle whose first bundle is good. */
  firstGood: string;
  /** Of all bundles shown for the cases expecting one, the share that are good. */
  shownGood: number;
  /** Cases where one offer suffices and no bundle is shown. */
  noneWhenOneSuffices: string;
  perCase: BundleCaseResult[];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function evaluateCase(c: BundleCase, set: LabelledSet, offerIds: ReadonlySet<string>): BundleCaseResult {
  const need = expandNeed(c, offerIds, false);
  const ranking = rankForNeed(need, set, RANKED);
  const lack = stillLacking({ ...need.listing, capacityUsed: 0, amountCommitted: 0 });
  const bundles = bundlesFor(
    need.listing,
    lack.amount !== undefined ? { amount: lack.amount } : { units: lack.units ?? 0 },
    ranking.matches,
    { limit: SHOWN, locale: 'zh-CN' },
  );
  return {
    id: c.id,
    title: c.title,
    expect: c.expect,
    bundles: bundles.map((b) => ({
      offers: b.offers.map((o) => o.id),
      good: b.offers.every((o) => need.relevant.has(o.id)),
      covers: b.covers.amount ?? b.covers.capacity,
    })),
  };
}

/** Runs every bundle case and sums up. */
export function evaluateBundles(set: LabelledSet = loadLabelledSet()): BundleReport {
  const offerIds = new Set(set.offers.map((o) => o.id));
  const perCase = bundleCases.map((c) => evaluateCase(c, set, offerIds));
  const wanted = perCase.filter((r) => r.expect === 'bundle');
  const none = perCase.filter((r) => r.expect === 'none');
  const shown = wanted.flatMap((r) => r.bundles);
  return {
    cases: perCase.length,
    firstGood: `${wanted.filter((r) => r.bundles[0]?.good).length}/${wanted.length}`,
    shownGood: shown.length ? round3(shown.filter((b) => b.good).length / shown.length) : 0,
    noneWhenOneSuffices: `${none.filter((r) => r.bundles.length === 0).length}/${none.length}`,
    perCase,
  };
}
