import { districts, domains, type StatsFigures } from '@app/shared';
import type { ListingFacts } from '../listings/stats.js';
import type { MatchTimeline } from '../matching/stats.js';
import type { Period } from './period.js';
import type { PostedCount } from './posted.js';

/*
 * The statistics' arithmetic, from what the modules' read functions return. Pure functions: the definitions of
 * docs/statistics.md, one place each.
 */

const HOUR = 3_600_000;
const inPeriod = (at: Date | undefined, p: Period): at is Date => Boolean(at && at >= p.from && at < p.to);
const firstAnswer = (m: MatchTimeline) =>
  [m.acceptedAt, m.declinedAt].filter((d): d is Date => Boolean(d)).sort((a, b) => +a - +b)[0];

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const value = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}

/** What a completed match put in, in yuan, when it is a funding match (else 0). */
export function fundsOf(m: MatchTimeline, facts: Map<string, ListingFacts>): number {
  const offer = facts.get(m.offer);
  if (offer?.kind !== 'funding') return 0;
  return m.evidenceAmount ?? offer.amount?.max ?? offer.amount?.min ?? 0;
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

/** The match figures of a period; `now` bounds "overdue" (a deadline still to come is not late). */
export function matchFigures(
  matches: MatchTimeline[],
  facts: Map<string, ListingFacts>,
  p: Period,
  now: Date,
): MatchPart {
  const counts = { proposed: 0, accepted: 0, completed: 0, declined: 0, expired: 0, overdue: 0 };
  const toFirstResponse: number[] = [];
  const toAccept: number[] = [];
  const met = new Set<string>();
  const used = new Set<string>();
  let funds = 0;
  const lateBy = now < p.to ? now : p.to;
  for (const m of matches) {
    if (inPeriod(m.proposedAt, p)) counts.proposed++;
    if (inPeriod(m.acceptedAt, p)) {
      counts.accepted++;
      used.add(m.offer);
      toAccept.push((+m.acceptedAt - +m.proposedAt) / HOUR);
    }
    if (inPeriod(m.declinedAt, p)) counts.declined++;
    if (inPeriod(m.expiredAt, p)) counts.expired++;
    if (inPeriod(m.completedAt, p)) {
      counts.completed++;
      met.add(m.need);
      funds += fundsOf(m, facts);
    }
    const answer = firstAnswer(m);
    if (inPeriod(answer, p)) toFirstResponse.push((+answer - +m.proposedAt) / HOUR);
    if (m.deadline >= p.from && m.deadline < lateBy && (!answer || answer > m.deadline)) counts.overdue++;
  }
  return {
    matches: counts,
    acceptRate: counts.proposed ? round4(Math.min(1, counts.accepted / counts.proposed)) : 0,
    medianHoursToFirstResponse: median(toFirstResponse),
    medianHoursToAccept: median(toAccept),
    fundsLeveraged: funds,
    met: met.size,
    used: used.size,
  };
}

/** needs, met, matches and funds per district (every district present, zeros included). */
export function districtTable(
  groups: PostedCount[],
  matches: MatchTimeline[],
  facts: Map<string, ListingFacts>,
  p: Period,
) {
  const table: Record<string, { needs: number; met: number; matches: number; fundsLeveraged: number }> = {};
  const met: Record<string, Set<string>> = {};
  for (const d of districts.codes) {
    table[d] = { needs: 0, met: 0, matches: 0, fundsLeveraged: 0 };
    met[d] = new Set();
  }
  for (const g of groups)
    if (g.current && g.domain === null && g.side === 'need' && table[g.district])
      table[g.district]!.needs += g.count;
  for (const m of matches) {
    const district = facts.get(m.need)?.district;
    const row = district ? table[district] : undefined;
    if (!row) continue;
    if (inPeriod(m.proposedAt, p)) row.matches++;
    if (inPeriod(m.completedAt, p)) {
      met[district!]!.add(m.need);
      row.fundsLeveraged += fundsOf(m, facts);
    }
  }
  for (const d of districts.codes) table[d]!.met = met[d]!.size;
  return table;
}

/** needs, met and matches per month (labels given), from the month indexes of the groups and the timelines. */
export function monthTable(
  groups: PostedCount[],
  matches: MatchTimeline[],
  p: Period,
  months: Date[],
  labels: string[],
) {
  const rows = labels.map((month) => ({ month, needs: 0, met: 0, matches: 0 }));
  const met = labels.map(() => new Set<string>());
  const indexOf = (at: Date) => {
    for (let i = months.length - 1; i >= 0; i--) if (at >= months[i]!) return i;
    return -1;
  };
  for (const g of groups)
    if (g.current && g.domain === null && g.side === 'need' && g.month >= 0) rows[g.month]!.needs += g.count;
  for (const m of matches) {
    if (inPeriod(m.proposedAt, p)) {
      const i = indexOf(m.proposedAt);
      if (i >= 0) rows[i]!.matches++;
    }
    if (inPeriod(m.completedAt, p)) {
      const i = indexOf(m.completedAt);
      if (i >= 0) met[i]!.add(m.need);
    }
  }
  met.forEach((set, i) => (rows[i]!.met = set.size));
  return rows;
}

/** Needs and offers posted, and needs met, per service domain (a listing counts in each of its domains). */
export function domainTable(
  groups: PostedCount[],
  matches: MatchTimeline[],
  facts: Map<string, ListingFacts>,
  p: Period,
) {
  const rows = new Map(
    domains.codes.map((d) => [d as string, { domain: d as string, needs: 0, offers: 0, met: 0 }]),
  );
  const met = new Map(domains.codes.map((d) => [d as string, new Set<string>()]));
  for (const g of groups) {
    const row = g.current && g.domain !== null ? rows.get(g.domain) : undefined;
    if (row) row[g.side === 'need' ? 'needs' : 'offers'] += g.count;
  }
  for (const m of matches) {
    if (!inPeriod(m.completedAt, p)) continue;
    for (const d of facts.get(m.need)?.domains ?? []) met.get(d)?.add(m.need);
  }
  for (const [d, set] of met) rows.get(d)!.met = set.size;
  return [...rows.values()];
}
