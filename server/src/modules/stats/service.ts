import { Types } from 'mongoose';
import type { Stats, StatsFigures, StatsQuery, StatsScope } from '@app/shared';
import { notFound } from '../../lib/errors.js';
import { eventFigures } from '../baseEvents/stats.js';
import { basesIn, type BaseSummary } from '../bases/stats.js';
import { needsPostedByOrganization, type ListingScope } from '../listings/stats.js';
import {
  organizationIdsOfDomain,
  organizationsPlacedIn,
  pendingVerifications,
} from '../organizations/stats.js';
import { bookingFigures } from '../spaces/stats.js';
import {
  residentFiguresByBase,
  residentOrganizationsOf,
  type ResidentFigures,
} from '../residencies/stats.js';
import { districtTable, domainTable, listingFigures, matchFigures, monthTable } from './figures.js';
import { marksOfOrganizations, matchView, periodStretches } from './matchCounts.js';
import { monthLabel, monthStarts, previousPeriod, resolvePeriod, type Period } from './period.js';
import { postedCounts } from './posted.js';

/** What one request covers, resolved: the bases in it and, for a base, the organizations that are its own. */
interface Scope {
  view: StatsScope;
  bases: BaseSummary[];
  /** A base's organizations (placed in it, or resident in it now or before); undefined above base level. */
  organizationIds?: Types.ObjectId[];
  listings: ListingScope;
}

/** Organizations of the bases (organization id → base ids): placed in one by their profile, or resident. */
async function organizationsOfBases(bases: BaseSummary[]): Promise<Map<string, Set<string>>> {
  const ids = bases.map((b) => b._id);
  const [placed, resident] = await Promise.all([organizationsPlacedIn(ids), residentOrganizationsOf(ids)]);
  const byOrg = new Map<string, Set<string>>();
  for (const [org, base] of placed) byOrg.set(org, new Set([base]));
  for (const [org, list] of resident)
    for (const b of list) (byOrg.get(org) ?? byOrg.set(org, new Set()).get(org)!).add(b);
  return byOrg;
}

async function resolveScope(query: StatsQuery): Promise<Scope> {
  if (query.baseId) {
    const [base] = await basesIn({ baseId: query.baseId });
    if (!base) throw notFound('Base');
    const organizationIds = [...(await organizationsOfBases([base])).keys()].map(
      (id) => new Types.ObjectId(id),
    );
    return {
      view: {
        level: 'base',
        baseId: String(base._id),
        baseName: base.name,
        district: base.district,
        ...(query.domain ? { domain: query.domain } : {}),
      },
      bases: [base],
      organizationIds,
      listings: { organizationIds, ...(query.domain ? { domain: query.domain } : {}) },
    };
  }
  const bases = await basesIn({ ...(query.district ? { district: query.district } : {}) });
  return {
    view: {
      level: query.district ? 'district' : 'city',
      ...(query.district ? { district: query.district } : {}),
      ...(query.domain ? { domain: query.domain } : {}),
    },
    bases,
    listings: {
      ...(query.district ? { district: query.district } : {}),
      ...(query.domain ? { domain: query.domain } : {}),
    },
  };
}

const sumResidents = (figures: Map<string, ResidentFigures>): ResidentFigures => {
  const total = { incubating: 0, admitted: 0, graduated: 0, exited: 0 };
  for (const f of figures.values())
    for (const key of Object.keys(total) as (keyof ResidentFigures)[]) total[key] += f[key];
  return total;
};

/** The statistics of a period and scope (GET /api/stats); definitions in docs/statistics.md. */
export async function computeStats(query: StatsQuery, now = new Date()): Promise<Stats> {
  const period = resolvePeriod(query, now);
  const previous = previousPeriod(period);
  const months = monthStarts(period);
  const scope = await resolveScope(query);
  const baseIds = scope.view.level === 'city' ? null : scope.bases.map((b) => b._id);
  const domainOrgs = query.domain ? await organizationIdsOfDomain(query.domain) : null;

  const [groups, matches, pending] = await Promise.all([
    postedCounts(scope.listings, period, previous, months),
    matchView(scope.listings, period, previous, now),
    pendingVerifications({
      ...scope.listings,
      ...(scope.organizationIds ? { organizationIds: scope.organizationIds } : {}),
    }),
  ]);

  const figuresOf = async (p: Period, current: boolean): Promise<StatsFigures> => {
    const asOf = now < p.to ? now : p.to;
    const [residents, bookings, events] = await Promise.all([
      residentFiguresByBase(baseIds, domainOrgs, p, asOf),
      bookingFigures(baseIds, p),
      eventFigures(baseIds, p),
    ]);
    const listed = listingFigures(groups, current);
    const matched = matchFigures(current ? matches.current : matches.previous);
    return {
      needs: { posted: listed.needsPosted, met: matched.met },
      offers: { posted: listed.offersPosted, used: matched.used },
      matches: matched.matches,
      acceptRate: matched.acceptRate,
      medianHoursToFirstResponse: matched.medianHoursToFirstResponse,
      medianHoursToAccept: matched.medianHoursToAccept,
      fundsLeveraged: matched.fundsLeveraged,
      priorityDomainShare: listed.priorityDomainShare,
      bookings,
      events,
      residents: sumResidents(residents),
      verificationsPending: pending,
    };
  };

  const [current, before, byBase] = await Promise.all([
    figuresOf(period, true),
    figuresOf(previous, false),
    baseTable(scope, period, now),
  ]);
  return {
    scope: scope.view,
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    ...current,
    byDistrict: districtTable(groups, matches),
    byMonth: monthTable(groups, matches, months.map(monthLabel)),
    byBase,
    byDomain: domainTable(groups, matches),
    previous: before,
  };
}

/** Per base of the scope: needs its organizations posted, their matches proposed and needs met, residents now. */
async function baseTable(scope: Scope, p: Period, now: Date): Promise<Stats['byBase']> {
  if (!scope.bases.length) return [];
  const orgBases = await organizationsOfBases(scope.bases);
  const orgIds = [...orgBases.keys()].map((id) => new Types.ObjectId(id));
  const [matches, needs, residents] = await Promise.all([
    marksOfOrganizations(orgIds, scope.listings, periodStretches(p)),
    needsPostedByOrganization({ ...scope.listings, organizationIds: orgIds }, p),
    residentFiguresByBase(
      scope.bases.map((b) => b._id),
      null,
      p,
      now < p.to ? now : p.to,
    ),
  ]);
  const rows = new Map(
    scope.bases.map((b) => [
      String(b._id),
      {
        baseId: String(b._id),
        name: b.name,
        district: b.district,
        needs: 0,
        met: 0,
        matches: 0,
        incubating: 0,
        admitted: 0,
        graduated: 0,
        exited: 0,
      },
    ]),
  );
  for (const [org, count] of needs) for (const b of orgBases.get(org) ?? []) rows.get(b)!.needs += count;
  const met = new Map([...rows.keys()].map((b) => [b, new Set<string>()]));
  for (const m of matches) {
    const bases = new Set([
      ...(m.needOrgId ? (orgBases.get(String(m.needOrgId)) ?? []) : []),
      ...(m.offerOrgId ? (orgBases.get(String(m.offerOrgId)) ?? []) : []),
    ]);
    for (const b of bases) {
      if (m.proposedAt >= p.from && m.proposedAt < p.to) rows.get(b)!.matches++;
      if (m.completedAt && m.completedAt >= p.from && m.completedAt < p.to) met.get(b)!.add(String(m.needId));
    }
  }
  for (const [b, set] of met) rows.get(b)!.met = set.size;
  for (const [b, f] of residents) if (rows.has(b)) Object.assign(rows.get(b)!, f);
  return [...rows.values()];
}
