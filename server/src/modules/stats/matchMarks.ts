import { Types } from 'mongoose';
import type { ListingFacts } from '../listings/stats.js';
import type { MatchTimeline } from '../matching/stats.js';
import type { MatchMark } from './model.js';
import { dayKey } from './period.js';

/*
 * What one match adds to the match counters (model.ts), as pure functions shared by the subscriber, the rebuild
 * and the readers. A match's mark is what the figures need of it (its timeline, its need's district and domains,
 * the yuan it put in); its contributions are `$inc` paths of a `MatchSection`, placed in buckets of time by the
 * instant each happened at.
 */

const HOUR = 3_600_000;

/**
 * The figures of the matches of one district in one bucket (or of those whose need has one domain): sums, and
 * counts per need id (`met`), per offer id (`used`) and per duration in milliseconds (`ta`: proposal to
 * acceptance; `tr`: proposal to first answer; keys `t<ms>`), so that distinct counts and medians over many
 * buckets stay exact.
 */
export interface MatchSection {
  proposed?: number;
  accepted?: number;
  completed?: number;
  declined?: number;
  expired?: number;
  overdue?: number;
  funds?: number;
  met?: Record<string, number>;
  used?: Record<string, number>;
  ta?: Record<string, number>;
  tr?: Record<string, number>;
}

/**
 * A stored counter: a bucket of time, the needs' district, all of them (`c`) and per domain of the need (`d`,
 * without `met`), and per domain the needs met (`m`: need id → count).
 */
export interface MatchCounter {
  bucket: string;
  district: string;
  c?: MatchSection;
  d?: Record<string, MatchSection>;
  m?: Record<string, Record<string, number>>;
}

export type MarkFields = Omit<MatchMark, '_id'> & { _id: Types.ObjectId };

/** What a completed match put in, in yuan, when its offer is a funding offer (else 0). */
export function fundsOf(m: MatchTimeline, facts: Map<string, ListingFacts>): number {
  const offer = facts.get(m.offer);
  if (offer?.kind !== 'funding') return 0;
  return m.evidenceAmount ?? offer.amount?.max ?? offer.amount?.min ?? 0;
}

/** A match's mark from its timeline and the facts of its need (and, once completed, of its offer). */
export function markOf(t: MatchTimeline, facts: Map<string, ListingFacts>): MarkFields {
  const need = facts.get(t.need);
  const mark: MarkFields = {
    _id: new Types.ObjectId(t.id),
    needId: t.needId,
    offerId: t.offerId,
    district: need?.district ?? '',
    domains: [...new Set(need?.domains ?? [])].sort(),
    proposedAt: t.proposedAt,
    deadline: t.deadline,
    deadlineDay: dayKey(t.deadline),
    funds: t.completedAt ? fundsOf(t, facts) : 0,
  };
  if (t.needOrgId) mark.needOrgId = t.needOrgId;
  if (t.offerOrgId) mark.offerOrgId = t.offerOrgId;
  for (const key of ['acceptedAt', 'declinedAt', 'completedAt', 'expiredAt'] as const)
    if (t[key]) mark[key] = t[key];
  return mark;
}

const time = (d: Date | undefined | null) => (d ? +d : null);

/** Whether two marks count alike (a stored one may lack what a default gives). */
export function sameMark(a: MarkFields, b: MarkFields): boolean {
  const text = (m: MarkFields) =>
    JSON.stringify([
      String(m.needId),
      String(m.offerId),
      String(m.needOrgId ?? ''),
      String(m.offerOrgId ?? ''),
      m.district ?? '',
      [...(m.domains ?? [])].sort(),
      ...[m.proposedAt, m.deadline, m.acceptedAt, m.declinedAt, m.completedAt, m.expiredAt].map(time),
      m.funds ?? 0,
    ]);
  return text(a) === text(b);
}

/** The first answer (acceptance or decline) to a proposal. */
export function firstAnswer(m: Pick<MatchMark, 'acceptedAt' | 'declinedAt'>): Date | undefined {
  const a = m.acceptedAt ?? undefined;
  const d = m.declinedAt ?? undefined;
  return a && d ? (a < d ? a : d) : (a ?? d);
}

/**
 * Where a contribution goes: the buckets its instant falls in (none: left out). `overdue` marks the one keyed by
 * the deadline, which a reader sums over its own stretch of time (up to now, not the period's end).
 */
export type Place = (at: Date, overdue: boolean) => string[];

export interface MatchDelta {
  key: { bucket: string; district: string };
  inc: Record<string, number>;
}

/** Adds `sign` times what a match contributes into `into`, per bucket and district, as `$inc` paths. */
export function tallyMatch(into: Map<string, MatchDelta>, m: MarkFields, sign: 1 | -1, place: Place): void {
  const district = m.district ?? '';
  const sections = ['c', ...(m.domains ?? []).map((d) => `d.${d}`)];
  const add = (at: Date, overdue: boolean, path: string, by = 1) => {
    for (const bucket of place(at, overdue)) {
      const text = `${bucket}|${district}`;
      const delta = into.get(text) ?? into.set(text, { key: { bucket, district }, inc: {} }).get(text)!;
      for (const s of sections) {
        // A domain's needs met go apart (`m`), so that a view without a domain need not read the sections.
        const at = s !== 'c' && path.startsWith('met.') ? `m${s.slice(1)}.${path.slice(4)}` : `${s}.${path}`;
        delta.inc[at] = (delta.inc[at] ?? 0) + sign * by;
      }
    }
  };
  const proposed = +m.proposedAt;
  add(m.proposedAt, false, 'proposed');
  if (m.acceptedAt) {
    add(m.acceptedAt, false, 'accepted');
    add(m.acceptedAt, false, `used.${String(m.offerId)}`);
    add(m.acceptedAt, false, `ta.t${+m.acceptedAt - proposed}`);
  }
  if (m.declinedAt) add(m.declinedAt, false, 'declined');
  if (m.expiredAt) add(m.expiredAt, false, 'expired');
  if (m.completedAt) {
    add(m.completedAt, false, 'completed');
    add(m.completedAt, false, `met.${String(m.needId)}`);
    if (m.funds) add(m.completedAt, false, 'funds', m.funds);
  }
  const answer = firstAnswer(m);
  if (answer) add(answer, false, `tr.t${+answer - proposed}`);
  if (!answer || answer > m.deadline) add(m.deadline, true, 'overdue');
}

/** A counter document from the sums of its `$inc` paths (the paths that came to 0 left out). */
export function counterOf({ key, inc }: MatchDelta): MatchCounter {
  const row: Record<string, unknown> = { ...key, c: {}, d: {}, m: {} };
  for (const [path, by] of Object.entries(inc)) {
    if (!by) continue;
    const parts = path.split('.');
    let at = row;
    for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
    at[parts.at(-1)!] = by;
  }
  return row as unknown as MatchCounter;
}

/** The match figures of one stretch of time, summed from sections. */
export interface MatchSums {
  proposed: number;
  accepted: number;
  completed: number;
  declined: number;
  expired: number;
  overdue: number;
  funds: number;
  met: Set<string>;
  used: Set<string>;
  /** Hours from proposal to acceptance, and to the first answer. */
  toAccept: number[];
  toAnswer: number[];
}

export const emptySums = (): MatchSums => ({
  proposed: 0,
  accepted: 0,
  completed: 0,
  declined: 0,
  expired: 0,
  overdue: 0,
  funds: 0,
  met: new Set(),
  used: new Set(),
  toAccept: [],
  toAnswer: [],
});

/** The ids counted more than 0 times in a section's map. */
export function idsOf(counts: Record<string, number> | undefined, into: Set<string>): Set<string> {
  for (const id in counts) if (counts[id]! > 0) into.add(id);
  return into;
}

function hoursOf(counts: Record<string, number> | undefined, into: number[]): void {
  for (const key in counts) {
    const hours = Number(key.slice(1)) / HOUR;
    for (let n = counts[key]!; n > 0; n--) into.push(hours);
  }
}

/** Adds a section to sums: every figure but overdue, or (`overdue`) only that one. */
export function addSection(into: MatchSums, s: MatchSection | undefined, overdue: boolean): void {
  if (!s) return;
  if (overdue) {
    into.overdue += s.overdue ?? 0;
    return;
  }
  into.proposed += s.proposed ?? 0;
  into.accepted += s.accepted ?? 0;
  into.completed += s.completed ?? 0;
  into.declined += s.declined ?? 0;
  into.expired += s.expired ?? 0;
  into.funds += s.funds ?? 0;
  idsOf(s.met, into.met);
  idsOf(s.used, into.used);
  hoursOf(s.ta, into.toAccept);
  hoursOf(s.tr, into.toAnswer);
}
