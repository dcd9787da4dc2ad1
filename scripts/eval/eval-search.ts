/**
 * `npm run eval:search [-- --scale [listings]] [-- --verbose]`: the labelled search set (labelled-search.ts) through
 * the embedded search engine, alone or among the open listings of `listings` generated ones (100,000 with
 * `--scale` and no number). Prints one JSON line: the share of cases whose named listings are all within the
 * first 50 results ("holding", what outside checks count), the share of named listings on the first page (20) and
 * within 50, and the mean reciprocal rank of the first named listing. `--verbose` adds each case's ranks.
 */
import { loadLabelledSet } from './labelled-set.js';
import { searchCases, type SearchCase } from './labelled-search.js';
import { scaleIndex } from './scaleIndex.js';

const FIRST_PAGE = 20;
const DEPTH = 50;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const scaleAt = args.indexOf('--scale');
const count = scaleAt >= 0 ? Number(args[scaleAt + 1]) || 100_000 : 0;

const set = loadLabelledSet();
const documents = [...set.offers, ...set.needs.map((n) => n.listing)];
const { engine, indexed, indexMs } = await scaleIndex(count, documents, 'eval-search');

interface CaseResult extends SearchCase {
  /** 1-based rank of each named listing within the first 50; 0 when beyond. */
  ranks: number[];
  holds: boolean;
  firstPage: number;
  within: number;
  reciprocal: number;
  top: string[];
}

const results: CaseResult[] = [];
const searchStarted = performance.now();
for (const c of searchCases) {
  const { hits } = await engine.search({ q: c.q, filters: { status: ['open'] }, pageSize: DEPTH });
  const ranked = hits.map((h) => h.id);
  const ranks = c.relevant.map((id) => ranked.indexOf(id) + 1);
  const found = ranks.filter((r) => r > 0);
  results.push({
    ...c,
    ranks,
    holds: found.length === ranks.length,
    firstPage: ranks.filter((r) => r > 0 && r <= FIRST_PAGE).length / ranks.length,
    within: found.length / ranks.length,
    reciprocal: found.length ? 1 / Math.min(...found) : 0,
    top: hits.slice(0, 3).map((h) => `${h.id} ${h.listing?.title ?? ''}`),
  });
}
const searchMs = performance.now() - searchStarted;

if (verbose) {
  for (const r of results) {
    const ranks = r.relevant.map((id, i) => `${id}@${r.ranks[i] || 'out'}`).join(' ');
    console.log(`${r.holds ? '✓' : '✗'} ${r.id} "${r.q}": ${ranks}`);
    if (!r.holds) for (const t of r.top) console.log(`     ${t}`);
  }
}
const mean = (f: (r: CaseResult) => number) => round3(results.reduce((s, r) => s + f(r), 0) / results.length);
console.log(
  JSON.stringify({
    eval: 'search',
    listings: count,
    indexed,
    cases: results.length,
    holding: results.filter((r) => r.holds).length,
    [`firstPage@${FIRST_PAGE}`]: mean((r) => r.firstPage),
    [`within@${DEPTH}`]: mean((r) => r.within),
    mrr: mean((r) => r.reciprocal),
    failing: results.filter((r) => !r.holds).map((r) => r.id),
    index_ms: Math.round(indexMs),
    search_ms_per_query: round3(searchMs / results.length),
  }),
);
process.exit(0);
