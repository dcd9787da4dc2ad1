/**
 * Bundles: for a need that no single offer covers, sets of two or three open, eligible offers that together do
 * (two grants for one budget; 6 + 5 volunteers for 10 places), with one sentence that adds them up.
 */
import type { Bundles, Listing, Locale } from '@app/shared';
import { unitsLeft } from './commitment.js';
import type { RankedMatch } from './rank.js';
import { listOf, say, unitOf, yuan } from './phrases.js';

/** What the need still lacks: yuan, or units (volunteers, places). */
export type Lack = { amount: number } | { units: number };

/** How many of the best offers are combined; pairs and triples of these are tried. */
const POOL = 12;
const MAX_SIZE = 3;

/**
 * What one offer can put toward the need's lack: one award of a funding offer, or the units it has left when they
 * are units of the same thing (volunteers for volunteers, seats for seats; sixty meals a day are no volunteers).
 */
export function contribution(need: Listing, offer: Listing, lack: Lack): number {
  if ('amount' in lack) {
    if (offer.kind !== 'funding' || offer.amount?.max == null) return 0;
    return Math.min(offer.amount.max, lack.amount);
  }
  if (offer.kind !== need.kind) return 0;
  return Math.min(unitsLeft(offer), lack.units);
}

/**
 * Whether a ranked offer is a real answer to the need: worth at least 较合适, and serving the same people (a shared
 * service domain) or labelled 很合适. Only such offers make bundles, and only such an offer, covering the need
 * alone, makes a bundle needless: a large grant for another cause neither belongs in a bundle nor stands in for one.
 */
function answers(need: Listing, m: RankedMatch): boolean {
  if (m.label === 'high') return true;
  return m.label === 'mid' && need.domains.some((d) => m.listing.domains.includes(d));
}

type Part = { match: RankedMatch; gives: number };

/** Every set of 2..MAX_SIZE parts that covers the lack and from which no part can be left out. */
function coveringSets(parts: Part[], needed: number): Part[][] {
  const out: Part[][] = [];
  const walk = (start: number, chosen: Part[], sum: number) => {
    if (chosen.length >= 2 && sum >= needed) {
      // Minimal: without its smallest part the set would fall short.
      if (sum - Math.min(...chosen.map((p) => p.gives)) < needed) out.push(chosen);
      return;
    }
    if (chosen.length === MAX_SIZE) return;
    for (let i = start; i < parts.length; i++) walk(i + 1, [...chosen, parts[i]!], sum + parts[i]!.gives);
  };
  walk(0, [], 0);
  return out;
}

function describe(need: Listing, parts: Part[], lack: Lack, locale: Locale): string {
  const money = 'amount' in lack;
  const unit = unitOf(need.kind, locale);
  const amountOf = (n: number) =>
    money ? yuan(n, locale) : locale === 'en' ? `${n} ${unit}` : `${n}${unit}`;
  const each = parts.map((p) => `“${p.match.listing.title}” ${amountOf(p.gives)}`);
  const total = Math.min(
    parts.reduce((s, p) => s + p.gives, 0),
    money ? lack.amount : lack.units,
  );
  const lacking = amountOf(money ? lack.amount : lack.units);
  return say(
    locale,
    `${listOf(each, locale)}，合计${amountOf(total)}，补足还差的${lacking}；单独任何一项都不够`,
    `${listOf(each, locale)}: together ${amountOf(total)}, covering the ${lacking} still lacking, which no one of them does alone`,
  );
}

/**
 * The best bundles for the need from its ranked, eligible matches: none when the need lacks nothing or one offer
 * that answers it covers it alone; otherwise minimal covering sets of offers that answer it, best mean score first,
 * smaller sets first on a tie.
 */
export function bundlesFor(
  need: Listing,
  lack: Lack,
  matches: readonly RankedMatch[],
  options: { limit: number; locale: Locale },
): Bundles['bundles'] {
  const needed = 'amount' in lack ? lack.amount : lack.units;
  if (needed <= 0) return [];
  const parts = matches
    .filter((match) => answers(need, match))
    .map((match) => ({ match, gives: contribution(need, match.listing, lack) }))
    .filter((p) => p.gives > 0);
  if (parts.some((p) => p.gives >= needed)) return [];
  const sets = coveringSets(parts.slice(0, POOL), needed);
  const mean = (set: Part[]) => set.reduce((s, p) => s + p.match.score, 0) / set.length;
  sets.sort((a, b) => mean(b) - mean(a) || a.length - b.length);
  const money = 'amount' in lack;
  return sets.slice(0, options.limit).map((set) => {
    const total = Math.min(
      needed,
      set.reduce((s, p) => s + p.gives, 0),
    );
    // Each offer gives what it can until the lack is covered; the last one gives the rest.
    let left = needed;
    const shares = set.map((p) => {
      const share = Math.min(p.gives, left);
      left -= share;
      return share;
    });
    return {
      offers: set.map((p) => p.match.listing),
      covers: money ? { amount: total } : { capacity: total },
      score: Math.round(mean(set)),
      detail: describe(need, set, lack, options.locale),
      parts: set.map((p, i) => ({
        offerId: p.match.listing.id,
        score: p.match.score,
        ...(money ? { amount: shares[i]! } : { capacity: shares[i]! }),
      })),
    };
  });
}
