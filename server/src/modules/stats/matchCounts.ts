import { trusted, type Types } from 'mongoose';
import type { ListingScope } from '../listings/stats.js';
import {
  addSection,
  counterOf,
  emptySums,
  idsOf,
  tallyMatch,
  type MatchCounter,
  type MatchDelta,
  type MatchSums,
  type Place,
} from './matchMarks.js';
import { MatchCountModel, MatchMarkModel, type MatchMark } from './model.js';
import { dayKey, monthLabel, periodBuckets, type Period } from './period.js';

/*
 * The match figures of a view, read from the match counters (matchCounting.ts): the whole days and months of
 * the two periods from the counters, the parts of a day at their ends (and today's deadlines up to now) from the
 * marks of the matches; a base's from the marks of its organizations' matches.
 */

/** Both periods' sums, and the current period's breakdowns. */
export interface MatchView {
  current: MatchSums;
  previous: MatchSums;
  /** Per district of the need: proposals made, needs met, yuan put in. */
  byDistrict: Map<string, { matches: number; met: Set<string>; funds: number }>;
  /** Per month (`YYYY-MM`): proposals made, needs met. */
  byMonth: Map<string, { matches: number; met: Set<string> }>;
  /** Per domain of the need: needs met (within a domain's scope, those having both). */
  byDomain: Map<string, Set<string>>;
}

/** The stretches of time a view sums: the periods, and for "overdue" each period up to now at most. */
interface Stretches {
  current: Period[];
  previous: Period[];
  overdueNow: Period[];
  overdueBefore: Period[];
}

/** What a counter's bucket stands for in a view. */
interface Role {
  current: boolean;
  previous: boolean;
  overdueNow: boolean;
  overdueBefore: boolean;
  month: string;
}

const inside = (at: Date, ps: Period[]) => ps.some((p) => at >= p.from && at < p.to);

/** Up to when a period's proposals can be overdue: its end, or now for a period still running. */
function overdueStretch(p: Period, now: Date): Period[] {
  const to = now < p.to ? now : p.to;
  return to > p.from ? [{ from: p.from, to }] : [];
}

/** Buckets named after the stretches, for contributions read from the marks (`now:YYYY-MM`, `before`, ...). */
const stretchPlace =
  (s: Stretches): Place =>
  (at, overdue) => {
    const out: string[] = [];
    if (overdue) {
      if (inside(at, s.overdueNow)) out.push('o:now');
      if (inside(at, s.overdueBefore)) out.push('o:before');
    } else {
      if (inside(at, s.current)) out.push(`now:${monthLabel(at)}`);
      if (inside(at, s.previous)) out.push('before');
    }
    return out;
  };

const stretchRole = (bucket: string): Role | null =>
  bucket.startsWith('now:')
    ? { current: true, previous: false, overdueNow: false, overdueBefore: false, month: bucket.slice(4) }
    : bucket === 'before'
      ? { current: false, previous: true, overdueNow: false, overdueBefore: false, month: '' }
      : bucket.startsWith('o:')
        ? {
            current: false,
            previous: false,
            overdueNow: bucket === 'o:now',
            overdueBefore: bucket === 'o:before',
            month: '',
          }
        : null;

/** The marks as counters of the stretches. */
function markCounters(marks: MatchMark[], s: Stretches): MatchCounter[] {
  const deltas = new Map<string, MatchDelta>();
  const place = stretchPlace(s);
  for (const m of marks) tallyMatch(deltas, m, 1, place);
  return [...deltas.values()].map(counterOf);
}

const needFilter = (scope: ListingScope) => ({
  ...(scope.district ? { district: scope.district } : {}),
  ...(scope.domain ? { domains: scope.domain } : {}),
});

const range = (p: Period) => trusted({ $gte: p.from, $lt: p.to });
const TIMES = ['proposedAt', 'acceptedAt', 'declinedAt', 'completedAt', 'expiredAt'] as const;

/**
 * The marks with something in the stretches (its deadline, for the overdue ones), within a filter. The engines'
 * indexes answer equality: deadlines by their day (today's, up to now, on every view of a period still
 * running); other times, only asked for by periods of instants, by a scan.
 */
async function marksIn(s: Stretches, filter: Record<string, unknown>): Promise<MatchMark[]> {
  const main = [...s.current, ...s.previous];
  const due = [...s.overdueNow, ...s.overdueBefore];
  const days = [...new Set(due.flatMap((p) => [dayKey(p.from), dayKey(new Date(+p.to - 1))]))];
  const [touching, overdue] = await Promise.all([
    main.length
      ? MatchMarkModel.find({
          ...filter,
          $or: main.flatMap((p) => TIMES.map((t) => ({ [t]: range(p) }))),
        }).lean<MatchMark[]>()
      : [],
    // A sliver lies within a day: its deadlines are on that day.
    due.length
      ? MatchMarkModel.find({ ...filter, deadlineDay: trusted({ $in: days }) }).lean<MatchMark[]>()
      : [],
  ]);
  const seen = new Set(touching.map((m) => String(m._id)));
  return [...touching, ...overdue.filter((m) => inside(m.deadline, due) && !seen.has(String(m._id)))];
}

/**
 * The marks of matches where either side is one of the organizations, within a need's district and domain, with
 * something in the stretches: one query by each side's index (the embedded engine does not join the two
 * branches of an `$or` on indexes), the times checked here.
 */
export async function marksOfOrganizations(
  organizationIds: Types.ObjectId[],
  scope: ListingScope,
  s: Stretches,
): Promise<MatchMark[]> {
  if (!organizationIds.length) return [];
  const ids = trusted({ $in: organizationIds });
  const [asNeed, asOffer] = await Promise.all([
    MatchMarkModel.find({ needOrgId: ids, ...needFilter(scope) }).lean<MatchMark[]>(),
    MatchMarkModel.find({ offerOrgId: ids, ...needFilter(scope) }).lean<MatchMark[]>(),
  ]);
  const main = [...s.current, ...s.previous];
  const due = [...s.overdueNow, ...s.overdueBefore];
  const touches = (m: MatchMark) => TIMES.some((t) => m[t] && inside(m[t], main)) || inside(m.deadline, due);
  const seen = new Set<string>();
  return [...asNeed, ...asOffer].filter((m) => {
    const id = String(m._id);
    if (seen.has(id) || !touches(m)) return false;
    seen.add(id);
    return true;
  });
}

/** The view's sums and breakdowns from counters (of `domain`'s section when given). */
function viewOf(counters: MatchCounter[], roleOf: (bucket: string) => Role, domain?: string): MatchView {
  const view: MatchView = {
    current: emptySums(),
    previous: emptySums(),
    byDistrict: new Map(),
    byMonth: new Map(),
    byDomain: new Map(),
  };
  for (const r of counters) {
    const s = domain ? r.d?.[domain] && { ...r.d[domain], met: r.m?.[domain] } : r.c;
    if (!s) continue;
    const role = roleOf(r.bucket);
    if (role.previous) addSection(view.previous, s, false);
    if (role.overdueNow) addSection(view.current, s, true);
    if (role.overdueBefore) addSection(view.previous, s, true);
    if (!role.current) continue;
    addSection(view.current, s, false);
    const district =
      view.byDistrict.get(r.district) ??
      view.byDistrict.set(r.district, { matches: 0, met: new Set(), funds: 0 }).get(r.district)!;
    district.matches += s.proposed ?? 0;
    district.funds += s.funds ?? 0;
    idsOf(s.met, district.met);
    const month =
      view.byMonth.get(role.month) ??
      view.byMonth.set(role.month, { matches: 0, met: new Set() }).get(role.month)!;
    month.matches += s.proposed ?? 0;
    idsOf(s.met, month.met);
    for (const [d, met] of Object.entries(r.m ?? {}))
      idsOf(met, view.byDomain.get(d) ?? view.byDomain.set(d, new Set()).get(d)!);
  }
  // Within a domain, another domain's needs met are those having both: met in the period in both sections.
  if (domain)
    for (const set of view.byDomain.values())
      for (const id of set) if (!view.current.met.has(id)) set.delete(id);
  return view;
}

/** The match figures of a scope in `period` and `previous` (overdue: deadlines up to `now`). */
export async function matchView(
  scope: ListingScope,
  period: Period,
  previous: Period,
  now: Date,
): Promise<MatchView> {
  const stretches: Stretches = {
    current: [period],
    previous: [previous],
    overdueNow: overdueStretch(period, now),
    overdueBefore: overdueStretch(previous, now),
  };
  if (scope.organizationIds) {
    const marks = await marksOfOrganizations(scope.organizationIds, scope, stretches);
    return viewOf(markCounters(marks, stretches), (b) => stretchRole(b)!, scope.domain);
  }
  const cutOf = (ps: Period[]) => {
    const parts = ps.map((p) => periodBuckets(p));
    return { buckets: new Set(parts.flatMap((x) => x.buckets)), slivers: parts.flatMap((x) => x.slivers) };
  };
  const cut = {
    current: cutOf(stretches.current),
    previous: cutOf(stretches.previous),
    overdueNow: cutOf(stretches.overdueNow),
    overdueBefore: cutOf(stretches.overdueBefore),
  };
  const slivers: Stretches = {
    current: cut.current.slivers,
    previous: cut.previous.slivers,
    overdueNow: cut.overdueNow.slivers,
    overdueBefore: cut.overdueBefore.slivers,
  };
  const buckets = new Set(Object.values(cut).flatMap((c) => [...c.buckets]));
  const [counters, marks] = await Promise.all([
    MatchCountModel.find({
      bucket: trusted({ $in: [...buckets] }),
      ...(scope.district ? { district: scope.district } : {}),
    })
      // The domains' sections are most of a counter: read only the one a view needs, if any.
      .select(scope.domain ? { bucket: 1, district: 1, m: 1, [`d.${scope.domain}`]: 1 } : { d: 0 })
      .lean<MatchCounter[]>(),
    marksIn(slivers, needFilter(scope)),
  ]);
  const roleOf = (bucket: string): Role =>
    stretchRole(bucket) ?? {
      current: cut.current.buckets.has(bucket),
      previous: cut.previous.buckets.has(bucket),
      overdueNow: cut.overdueNow.buckets.has(bucket),
      overdueBefore: cut.overdueBefore.buckets.has(bucket),
      month: bucket.slice(0, 7),
    };
  return viewOf([...counters, ...markCounters(marks, slivers)], roleOf, scope.domain);
}

/** The stretch of one period (for a base table: proposals and completions in it). */
export const periodStretches = (p: Period): Stretches => ({
  current: [p],
  previous: [],
  overdueNow: [],
  overdueBefore: [],
});
