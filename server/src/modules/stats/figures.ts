import { districts, domains, type StatsFigures } from '@app/shared';
import type { MatchView } from './matchCounts.js';
import type { MatchSums } from './matchMarks.js';
import type { PostedCount } from './posted.js';

/*
 * The statistics' arithmetic, from what the modules' read functions return. Pure functions: the definitions of
 * docs/statistics.md, one place each.
 */

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const value = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}

export type ListingPart = Pick<StatsFigures, 'needs' | 'offers' | 'priorityDomainShare'>;

/** Listings posted in the period (current or previous), and the share in a priority domain. */
export function listingFigures(
  groups: PostedCount[],
  current: boolean,
): Omit<ListingPart, 'needs' | 'offers'> & {
  needsPosted: number;
  offersPosted: number;
} {
  let needsPosted = 0;
  let offersPosted = 0;
  let priority = 0;
  for (const g of groups) {
    if (g.current !== current || g.domain !== null) continue;
    if (g.side === 'need') needsPosted += g.count;
    else offersPosted += g.count;
    priority += g.priority;
  }
  const total = needsPosted + offersPosted;
  return { needsPosted, offersPosted, priorityDomainShare: total ? round4(priority / total) : 0 };
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export type MatchPart = Pick<
  StatsFigures,
  'matches' | 'acceptRate' | 'medianHoursToFirstResponse' | 'medianHoursToAccept' | 'fundsLeveraged'
> & { met: number; used: number };

/** The match figures of a period, from its sums (matchMarks.ts). */
export function matchFigures(sums: MatchSums): MatchPart {
  const { proposed, accepted, completed, declined, expired, overdue } = sums;
  return {
    matches: { proposed, accepted, completed, declined, expired, overdue },
    acceptRate: proposed ? round4(Math.min(1, accepted / proposed)) : 0,
    medianHoursToFirstResponse: median(sums.toAnswer),
    medianHoursToAccept: median(sums.toAccept),
    fundsLeveraged: sums.funds,
    met: sums.met.size,
    used: sums.used.size,
  };
}

/** needs, met, matches and funds per district (every district present, zeros included). */
export function districtTable(groups: PostedCount[], view: MatchView) {
  const table: Record<string, { needs: number; met: number; matches: number; fundsLeveraged: number }> = {};
  for (const d of districts.codes) {
    const m = view.byDistrict.get(d);
    table[d] = { needs: 0, met: m?.met.size ?? 0, matches: m?.matches ?? 0, fundsLeveraged: m?.funds ?? 0 };
  }
  for (const g of groups)
    if (g.current && g.domain === null && g.side === 'need' && table[g.district])
      table[g.district]!.needs += g.count;
  return table;
}

/** needs, met and matches per month (labels `YYYY-MM` given), from the month indexes of the groups. */
export function monthTable(groups: PostedCount[], view: MatchView, labels: string[]) {
  const rows = labels.map((month) => ({
    month,
    needs: 0,
    met: view.byMonth.get(month)?.met.size ?? 0,
    matches: view.byMonth.get(month)?.matches ?? 0,
  }));
  for (const g of groups)
    if (g.current && g.domain === null && g.side === 'need' && g.month >= 0) rows[g.month]!.needs += g.count;
  return rows;
}

/** Needs and offers posted, and needs met, per service domain (a listing counts in each of its domains). */
export function domainTable(groups: PostedCount[], view: MatchView) {
  const rows = new Map(
    domains.codes.map((d) => [
      d as string,
      { domain: d as string, needs: 0, offers: 0, met: view.byDomain.get(d)?.size ?? 0 },
    ]),
  );
  for (const g of groups) {
    const row = g.current && g.domain !== null ? rows.get(g.domain) : undefined;
    if (row) row[g.side === 'need' ? 'needs' : 'offers'] += g.count;
  }
  return [...rows.values()];
}
