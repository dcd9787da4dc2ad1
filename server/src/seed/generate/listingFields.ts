/** The numeric and rule fields of a generated listing: amount, capacity, time window, eligibility, status. */
import type { Eligibility, ListingStatus, OrgType, Side, Subkind } from '@app/shared';
import { Random, WeightedTable } from './random.js';
import type { PosterRole } from './text/slots.js';
import { shanghaiDate, shanghaiTime } from './text/format.js';

const DAY_MS = 86_400_000;
/** Time windows stay inside 2026-2027. */
export const WINDOW_START = shanghaiTime(2026, 1, 1);
export const WINDOW_END = shanghaiTime(2027, 12, 31, 18);

/** x rounded to a multiple of step, at least one step. */
const roundTo = (x: number, step: number) => Math.max(step, Math.round(x / step) * step);
/** Uniform on a log scale: small amounts are as common per decade as large ones, as in real calls. */
const logUniform = (r: Random, lo: number, hi: number) => Math.exp(r.float(Math.log(lo), Math.log(hi)));

type Amount = { min?: number; max?: number };

/** What a funding listing gives or asks for, in yuan; undefined where an amount does not fit. */
export function drawAmount(r: Random, side: Side, subkind: Subkind): Amount | undefined {
  if (side === 'offer') {
    switch (subkind) {
      case 'grant': {
        const min = r.pick([10_000, 20_000, 30_000, 50_000, 80_000, 100_000]);
        const max = Math.min(1_000_000, roundTo(min * r.float(1.5, 8), 10_000));
        return r.chance(0.2) ? { max } : { min, max };
      }
      case 'subsidy': {
        const max = roundTo(logUniform(r, 2000, 30_000), 1000);
        return r.chance(0.4) ? { min: roundTo(max * 0.3, 500), max } : { max };
      }
      case 'loan': {
        const max = roundTo(logUniform(r, 100_000, 1_000_000), 50_000);
        return r.chance(0.3) ? { min: roundTo(max * 0.2, 10_000), max } : { max };
      }
      case 'admin-funding': {
        const max = roundTo(logUniform(r, 20_000, 200_000), 10_000);
        return r.chance(0.5) ? { min: roundTo(max * 0.5, 5000), max } : { max };
      }
      case 'donation':
        return { max: roundTo(logUniform(r, 10_000, 2_000_000), 10_000) };
      case 'finance':
        return r.chance(0.5) ? { max: roundTo(logUniform(r, 1200, 12_000), 100) } : undefined;
      default:
        return undefined;
    }
  }
  switch (subkind) {
    case 'grant': {
      const max = roundTo(logUniform(r, 30_000, 300_000), 5000);
      return r.chance(0.4) ? { min: roundTo(max * r.float(0.5, 0.8), 5000), max } : { max };
    }
    case 'subsidy':
      return { max: roundTo(logUniform(r, 800, 10_000), 100) };
    case 'loan':
      return { max: roundTo(logUniform(r, 50_000, 500_000), 10_000) };
    case 'admin-funding':
      return { max: roundTo(logUniform(r, 20_000, 150_000), 5000) };
    case 'donation':
      return { max: roundTo(logUniform(r, 5000, 300_000), 1000) };
    case 'office':
      return r.chance(0.4) ? { max: roundTo(logUniform(r, 2000, 15_000), 500) } : undefined; // monthly rent
    case 'finance':
      return r.chance(0.4) ? { max: roundTo(logUniform(r, 2000, 20_000), 500) } : undefined;
    default:
      return undefined;
  }
}

/** [probability, mean, sd, min, max] of a capacity by side and sub-kind: seats, people, places, items. */
type CapacityRule = readonly [number, number, number, number, number];
// prettier-ignore
const CAPACITY: Partial<Record<Side, Partial<Record<Subkind, CapacityRule>>>> = {
  offer: {
    office: [1, 8, 6, 1, 40], 'meeting-room': [1, 20, 12, 6, 80], 'event-space': [1, 100, 70, 20, 500],
    exhibition: [1, 60, 40, 10, 300], volunteer: [0.8, 20, 15, 3, 100], 'pro-bono': [0.8, 4, 3, 1, 20],
    mentor: [0.8, 5, 3, 1, 15], staff: [0.8, 6, 5, 1, 30], training: [1, 40, 20, 10, 120],
    'community-service': [0.7, 50, 40, 5, 300], equipment: [0.6, 10, 8, 1, 60], supplies: [0.6, 150, 120, 10, 1000],
  },
  need: {
    office: [0.7, 5, 3, 1, 20], 'meeting-room': [0.7, 20, 10, 5, 60], 'event-space': [0.7, 60, 40, 10, 300],
    exhibition: [0.5, 50, 30, 10, 200], volunteer: [0.7, 8, 6, 1, 40], 'pro-bono': [0.7, 2, 1, 1, 5],
    mentor: [0.7, 1, 0.3, 1, 2], staff: [0.7, 2, 1, 1, 5], training: [0.6, 12, 8, 3, 40],
    'community-service': [0.4, 30, 25, 3, 200], equipment: [0.6, 6, 5, 1, 40], supplies: [0.6, 80, 60, 10, 500],
  },
};

export function drawCapacity(r: Random, side: Side, subkind: Subkind): number | undefined {
  const rule = CAPACITY[side]?.[subkind];
  if (!rule || !r.chance(rule[0])) return undefined;
  return r.normalInt(rule[1], rule[2], rule[3], rule[4]);
}

/**
 * When a listing was posted: from the start of 2026 (or ten months before `now`) to `now`, more of them lately
 * (the cube root of a uniform draw), as on a platform that is growing.
 */
export function drawCreatedAt(r: Random, now: Date): Date {
  const from = Math.max(WINDOW_START.getTime(), now.getTime() - 300 * DAY_MS);
  const day = new Date(from + (now.getTime() - from) * Math.cbrt(r.next()));
  const { y, m, d } = shanghaiDate(day);
  const at = shanghaiTime(y, m, d, r.int(8, 22)).getTime() + r.int(0, 3599) * 1000;
  return new Date(Math.min(at, now.getTime()));
}

const durations = new WeightedTable<number>([
  [7, 1],
  [30, 2],
  [60, 2],
  [90, 3],
  [180, 4],
  [365, 5],
]);
const ONE_DAY: ReadonlySet<Subkind> = new Set(['event-space', 'meeting-room', 'exhibition', 'training']);
/** A call for funding stays open at least a month. */
const FUNDING: ReadonlySet<Subkind> = new Set(['grant', 'subsidy', 'loan', 'admin-funding', 'donation']);

/** The time window, in 2026-2027, starting after the listing was posted; undefined for some listings. */
export function drawWindow(r: Random, side: Side, subkind: Subkind, createdAt: Date) {
  if (!r.chance(side === 'offer' && subkind === 'grant' ? 0.95 : 0.8)) return undefined;
  const { y, m, d } = shanghaiDate(new Date(createdAt.getTime() + r.int(1, 40) * DAY_MS));
  const startsAt = shanghaiTime(y, m, d, r.chance(0.6) ? 9 : 14);
  if (startsAt > WINDOW_END) return undefined;
  if (side === 'need' && ONE_DAY.has(subkind) && r.chance(0.5)) {
    return { startsAt, endsAt: new Date(startsAt.getTime() + r.int(2, 4) * 3600_000) }; // one event, a few hours
  }
  const days = Math.max(FUNDING.has(subkind) ? 30 : 1, durations.pick(r));
  const endsAt = new Date(Math.min(WINDOW_END.getTime(), startsAt.getTime() + days * DAY_MS + 9 * 3600_000));
  return { startsAt, endsAt };
}

const openStatuses = new WeightedTable<ListingStatus>([
  ['open', 84],
  ['matched', 10],
  ['closed', 6],
]);
const endedStatuses = new WeightedTable<ListingStatus>([
  ['expired', 60],
  ['closed', 25],
  ['matched', 15],
]);

/** Most listings are open; one whose window has ended is mostly expired. */
export function drawStatus(r: Random, endsAt: Date | undefined, now: Date): ListingStatus {
  return (endsAt && endsAt < now ? endedStatuses : openStatuses).pick(r);
}

const ELIGIBILITY_CHANCE: Record<PosterRole, { funding: number; other: number }> = {
  funder: { funding: 0.6, other: 0.15 },
  organization: { funding: 0.3, other: 0.05 },
  resident: { funding: 0, other: 0 },
};
const registeredTypeSets: readonly (readonly OrgType[])[] = [
  ['social-service'],
  ['social-group', 'social-service'],
  ['social-group', 'social-service', 'foundation'],
];
const minGrades = new WeightedTable<number>([
  [3, 60],
  [4, 30],
  [2, 6],
  [5, 4],
]);

/** Rules an offer sets on who may take it (never on a need); at least one rule when present. */
export function drawEligibility(
  r: Random,
  side: Side,
  role: PosterRole,
  funding: boolean,
  district: string,
  allDistricts: readonly string[],
): Eligibility | undefined {
  const chances = ELIGIBILITY_CHANCE[role];
  if (side !== 'offer' || !r.chance(funding ? chances.funding : chances.other)) return undefined;
  const rules: Eligibility = {};
  if (r.chance(0.1)) {
    rules.orgTypes = ['project-team']; // an incubation call for teams not yet registered
  } else {
    if (r.chance(0.7)) rules.registeredOnly = true;
    if (r.chance(0.3)) rules.orgTypes = [...r.pick(registeredTypeSets)];
    if (r.chance(0.25)) rules.minGrade = minGrades.pick(r);
  }
  if (r.chance(0.3)) {
    const others = r.sample(
      allDistricts.filter((d) => d !== district),
      r.int(0, 2),
    );
    rules.districts = [district, ...others];
  }
  if (Object.keys(rules).length === 0) rules.registeredOnly = true;
  return rules;
}
