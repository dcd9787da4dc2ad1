import { trusted } from 'mongoose';
import { isPriorityDomain } from '@app/shared';
import { postedListingGroups, type ListingScope, type PostedGroup } from '../listings/stats.js';
import { ListingCountModel } from './model.js';
import { monthLabel, periodBuckets, type Period } from './period.js';

/**
 * Listings posted, counted for the figures: in the current period or the one before, per side, district and
 * month (index into the period's months, -1 outside), either all of the scope's (`domain` null; `priority` of
 * them in a priority domain) or those of the scope having `domain` (the by-domain table).
 */
export interface PostedCount {
  current: boolean;
  side: 'need' | 'offer';
  district: string;
  month: number;
  domain: string | null;
  count: number;
  priority: number;
}

/** The counts of groups of listings read from the listings themselves (one row per domain of each group). */
function fromGroups(groups: PostedGroup[]): PostedCount[] {
  const out: PostedCount[] = [];
  for (const g of groups) {
    const row = { current: g.current, side: g.side, district: g.district, month: g.month, count: g.count };
    out.push({ ...row, domain: null, priority: g.domains.some(isPriorityDomain) ? g.count : 0 });
    for (const domain of new Set(g.domains)) out.push({ ...row, domain, priority: 0 });
  }
  return out;
}

interface CounterRow {
  bucket: string;
  side: 'need' | 'offer';
  district: string;
  n?: number;
  priority?: number;
  domains?: Record<string, number>;
  priorityBy?: Record<string, number>;
  pairs?: Record<string, number>;
}

/** One counter as rows of counts: all of the scope's listings, then those of each domain. */
function fromCounter(
  r: CounterRow,
  row: Omit<PostedCount, 'domain' | 'count' | 'priority'>,
  domain?: string,
) {
  const out: PostedCount[] = [];
  const add = (d: string | null, count: number | undefined, priority = 0) => {
    if (count) out.push({ ...row, domain: d, count, priority });
  };
  // Rows per domain serve the by-domain table, of the current period only.
  if (!domain) {
    add(null, r.n, r.priority ?? 0);
    if (row.current) for (const [d, count] of Object.entries(r.domains ?? {})) add(d, count);
    return out;
  }
  // Within a domain: its listings are the scope's, and each other domain's row counts those having both.
  add(null, r.domains?.[domain], r.priorityBy?.[domain] ?? 0);
  if (!row.current) return out;
  add(domain, r.domains?.[domain]);
  for (const [pair, count] of Object.entries(r.pairs ?? {})) {
    const [d, other] = pair.split('|');
    if (d === domain && other) add(other, count);
  }
  return out;
}

/**
 * Listings posted in `period` and `previous` within a scope. A base's listings are read from its organizations'
 * listings (an indexed lookup); every other scope from the counters of the whole months and days of the two
 * periods, plus the listings of the parts of a day at their ends, if any.
 */
export async function postedCounts(
  scope: ListingScope,
  period: Period,
  previous: Period,
  months: Date[],
): Promise<PostedCount[]> {
  if (scope.organizationIds)
    return fromGroups(
      await postedListingGroups(scope, { from: previous.from, to: period.to }, months, period.from),
    );
  const now = periodBuckets(period);
  const before = periodBuckets(previous);
  const current = new Set(now.buckets);
  const monthIndex = new Map(months.map((m, i) => [monthLabel(m), i]));
  const [rows, ...slivers] = await Promise.all([
    ListingCountModel.find({
      bucket: trusted({ $in: [...now.buckets, ...before.buckets] }),
      ...(scope.district ? { district: scope.district } : {}),
    })
      // Without a domain, the pairs of domains (most of a counter) are not needed.
      .select(scope.domain ? {} : { pairs: 0, priorityBy: 0 })
      .lean<CounterRow[]>(),
    ...[...now.slivers, ...before.slivers].map((range) =>
      postedListingGroups(scope, range, months, period.from),
    ),
  ]);
  const out = fromGroups(slivers.flat());
  for (const r of rows) {
    const isCurrent = current.has(r.bucket);
    const row = {
      current: isCurrent,
      side: r.side,
      district: r.district,
      month: isCurrent ? (monthIndex.get(r.bucket.slice(0, 7)) ?? -1) : -1,
    };
    out.push(...fromCounter(r, row, scope.domain));
  }
  return out;
}
