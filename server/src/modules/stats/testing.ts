import { Types } from 'mongoose';
import { expect } from 'vitest';
import { statsSchema, type StatsFigures } from '@app/shared';
import type { TestClient } from '../../../test/harness.js';
import { buildBase, buildOrganization, buildUser } from '../../../test/factories.js';
import { ListingModel } from '../listings/model.js';
import { MatchModel } from '../matching/model.js';
import { ResidencyModel } from '../residencies/model.js';
import { BaseEventModel, RegistrationModel } from '../baseEvents/model.js';
import { BookingModel } from '../spaces/model.js';
import { rebuildListingCounts } from './counting.js';
import { rebuildMatchCounts } from './matchCounting.js';

/*
 * A small fixed history for the statistics tests, with every timestamp given, so that each figure can be counted
 * by hand (stats.test.ts has the counts). Period under test: 2025 in Shanghai; the period before it: the 365 days
 * before (2024-01-02 to 2024-12-31).
 */

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

export async function buildStatsFixture() {
  const xuhui = await buildBase({ name: '徐汇区社会组织培育基地', district: '310104' });
  const pudong = await buildBase({ name: '浦东新区社会组织培育基地', district: '310115' });
  const verified = { status: 'verified' as const };
  const org = async (district: string, domains: string[], extra: Record<string, unknown> = {}) => {
    const member = await buildUser({ role: 'organization' });
    const o = await buildOrganization(member, { district, domains, verification: verified, ...extra });
    return { member, org: o };
  };
  const A = await org('310104', ['elderly'], { baseId: xuhui._id });
  const B = await org('310115', ['disability', 'education']);
  const C = await org('310104', ['elderly'], { verification: { status: 'pending' } });
  const F = await org('310104', ['education']);
  const G = await org('310115', ['elderly']);
  const funder = await buildUser({ role: 'funder' });
  const D = {
    member: funder,
    org: await buildOrganization(funder, { type: 'foundation', verification: verified }),
  };
  const resident = await buildUser({ role: 'resident' });

  const listing = (
    side: 'need' | 'offer',
    owner: { member: { _id: Types.ObjectId }; org?: { _id: Types.ObjectId } } | { _id: Types.ObjectId },
    fields: {
      district: string;
      domains: string[];
      createdAt: string;
      kind?: string;
      amount?: { max: number };
    },
  ) => {
    const ownerId = 'member' in owner ? owner.member._id : owner._id;
    const organizationId = 'member' in owner ? owner.org?._id : undefined;
    return {
      _id: new Types.ObjectId(),
      side,
      kind: fields.kind ?? 'service',
      title: side === 'need' ? '社区长者助餐' : '助餐服务',
      description: '固定统计数据',
      domains: fields.domains,
      district: fields.district,
      ...(fields.amount ? { amount: fields.amount } : {}),
      status: 'open',
      capacityUsed: 0,
      ownerId,
      ...(organizationId ? { organizationId } : {}),
      createdAt: at(fields.createdAt),
      updatedAt: at(fields.createdAt),
    };
  };
  const L = {
    nA1: listing('need', A, { district: '310104', domains: ['elderly'], createdAt: '2025-03-10T02:00:00Z' }),
    nA2: listing('need', A, {
      district: '310104',
      domains: ['education'],
      createdAt: '2025-03-20T02:00:00Z',
    }),
    nB1: listing('need', B, {
      district: '310115',
      domains: ['disability', 'education'],
      createdAt: '2025-05-05T02:00:00Z',
    }),
    nR: listing('need', resident, {
      district: '310115',
      domains: ['culture-sports'],
      createdAt: '2025-06-01T02:00:00Z',
    }),
    oD1: listing('offer', D, {
      district: '310104',
      domains: ['elderly'],
      createdAt: '2025-02-01T02:00:00Z',
      kind: 'funding',
      amount: { max: 50_000 },
    }),
    oD2: listing('offer', D, {
      district: '310115',
      domains: ['education'],
      createdAt: '2025-04-01T02:00:00Z',
      kind: 'funding',
      amount: { max: 20_000 },
    }),
    oG: listing('offer', G, { district: '310104', domains: ['elderly'], createdAt: '2025-01-15T02:00:00Z' }),
    nA0: listing('need', A, { district: '310104', domains: ['elderly'], createdAt: '2024-06-01T02:00:00Z' }),
    oD0: listing('offer', D, {
      district: '310104',
      domains: ['elderly'],
      createdAt: '2024-05-01T02:00:00Z',
      kind: 'funding',
      amount: { max: 10_000 },
    }),
    later: listing('need', A, {
      district: '310104',
      domains: ['elderly'],
      createdAt: '2026-02-01T02:00:00Z',
    }),
  };
  await ListingModel.insertMany(Object.values(L), { lean: true });

  const orgOf = new Map<string, Types.ObjectId | undefined>(
    Object.values(L).map((l) => [String(l._id), l.organizationId]),
  );
  const match = (
    need: (typeof L)['nA1'],
    offer: (typeof L)['nA1'],
    proposed: string,
    steps: [status: 'accepted' | 'declined' | 'completed' | 'expired', at: string][],
    evidenceAmount?: number,
  ) => {
    const history = [
      { status: 'proposed', at: at(proposed) },
      ...steps.map(([status, when]) => ({ status, at: at(when) })),
    ];
    const last = history[history.length - 1]!;
    return {
      needId: need._id,
      offerId: offer._id,
      needOwnerId: need.ownerId,
      offerOwnerId: offer.ownerId,
      ...(orgOf.get(String(need._id)) ? { needOrgId: orgOf.get(String(need._id)) } : {}),
      ...(orgOf.get(String(offer._id)) ? { offerOrgId: orgOf.get(String(offer._id)) } : {}),
      status: last.status,
      score: 70,
      proposedBy: offer.ownerId,
      proposedSide: 'offer',
      deadline: new Date(at(proposed).getTime() + 72 * HOUR),
      ...(steps.some(([s]) => s === 'completed')
        ? { evidence: { summary: '已完成', ...(evidenceAmount ? { amount: evidenceAmount } : {}) } }
        : {}),
      history,
      createdAt: at(proposed),
      updatedAt: last.at,
    };
  };
  await MatchModel.insertMany(
    [
      match(
        L.nA1,
        L.oD1,
        '2025-03-11T00:00:00Z',
        [
          ['accepted', '2025-03-12T00:00:00Z'],
          ['completed', '2025-04-01T04:00:00Z'],
        ],
        30_000,
      ),
      match(L.nB1, L.oD2, '2025-05-06T00:00:00Z', [
        ['accepted', '2025-05-06T12:00:00Z'],
        ['completed', '2025-06-01T04:00:00Z'],
      ]),
      match(L.nA2, L.oG, '2025-03-21T00:00:00Z', [['declined', '2025-03-22T06:00:00Z']]),
      match(L.nR, L.oD2, '2025-06-02T00:00:00Z', [['expired', '2025-06-09T00:00:00Z']]),
      match(L.nA1, L.oG, '2025-12-20T00:00:00Z', []),
      match(
        L.nA0,
        L.oD0,
        '2024-06-02T00:00:00Z',
        [
          ['accepted', '2024-06-03T00:00:00Z'],
          ['completed', '2024-07-01T00:00:00Z'],
        ],
        10_000,
      ),
      match(L.nA0, L.oD0, '2024-12-30T00:00:00Z', [['accepted', '2025-01-01T12:00:00Z']]),
    ],
    { lean: true },
  );

  const residency = (
    base: { _id: Types.ObjectId },
    o: { org: { _id: Types.ObjectId } },
    admitted: string,
    end?: [string, string],
  ) => ({
    baseId: base._id,
    organizationId: o.org._id,
    status: end ? end[0] : 'incubating',
    admittedAt: at(admitted),
    ...(end ? { endedAt: at(end[1]), endReason: '期满' } : {}),
  });
  await ResidencyModel.insertMany([
    residency(xuhui, A, '2024-05-01T00:00:00Z'),
    residency(xuhui, C, '2024-03-01T00:00:00Z', ['graduated', '2025-09-01T00:00:00Z']),
    residency(xuhui, F, '2025-07-01T00:00:00Z', ['exited', '2025-11-01T00:00:00Z']),
    residency(pudong, B, '2025-02-01T00:00:00Z'),
  ]);

  // Bookings: 2025 has three that were kept (7.5 hours, one no-show); the cancelled one and 2024's do not count.
  const booking = (base: { _id: Types.ObjectId }, from: string, to: string, status = 'confirmed') => ({
    spaceId: new Types.ObjectId(),
    baseId: base._id,
    startsAt: at(from),
    endsAt: at(to),
    status,
    purpose: '机构例会',
    attendees: 6,
    bookedBy: A.member._id,
    isoWeek: '2025-W15',
  });
  await BookingModel.insertMany([
    booking(xuhui, '2025-04-10T02:00:00Z', '2025-04-10T04:00:00Z'),
    booking(xuhui, '2025-05-10T02:00:00Z', '2025-05-10T03:30:00Z', 'no_show'),
    booking(pudong, '2025-06-01T01:00:00Z', '2025-06-01T02:00:00Z', 'cancelled'),
    booking(pudong, '2025-07-01T01:00:00Z', '2025-07-01T05:00:00Z'),
    booking(xuhui, '2024-08-01T01:00:00Z', '2024-08-01T02:00:00Z'),
  ]);
  // Events: two held in 2025 (one cancelled does not count), four confirmed sign-ups, two attended.
  const event = async (
    base: { _id: Types.ObjectId },
    startsAt: string,
    status: 'scheduled' | 'cancelled',
    signUps: [string, boolean?][],
  ) => {
    const e = await BaseEventModel.create({
      baseId: base._id,
      kind: 'training',
      title: '财务管理培训',
      startsAt: at(startsAt),
      endsAt: new Date(at(startsAt).getTime() + 2 * HOUR),
      capacity: 3,
      status,
    });
    await RegistrationModel.insertMany(
      await Promise.all(
        signUps.map(async ([state, attended], seq) => ({
          eventId: e._id,
          userId: (await buildUser())._id,
          status: state,
          seq,
          ...(attended !== undefined ? { attended } : {}),
        })),
      ),
    );
  };
  await event(xuhui, '2025-03-01T02:00:00Z', 'scheduled', [
    ['confirmed', true],
    ['confirmed', true],
    ['confirmed', false],
    ['waitlisted'],
    ['cancelled'],
  ]);
  await event(pudong, '2025-09-01T02:00:00Z', 'cancelled', [['confirmed'], ['confirmed']]);
  await event(pudong, '2025-10-01T02:00:00Z', 'scheduled', [['confirmed', false]]);
  // The listings and matches went in directly, as a bulk load does: the counters are rebuilt, as at a start.
  await rebuildListingCounts();
  await rebuildMatchCounts();
  return { xuhui, pudong };
}

/** GET /api/stats as the client, parsed; anything but a 200 fails the test. */
export async function statsOf(client: TestClient, query = '') {
  const res = await client.get(`/api/stats?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return statsSchema.parse(res.body);
}

/** The headline figures named in `expected` (of a period or of the one before), each as counted by hand. */
export function expectFigures(figures: StatsFigures, expected: Partial<StatsFigures>) {
  const named = Object.fromEntries(Object.keys(expected).map((k) => [k, figures[k as keyof StatsFigures]]));
  expect(named).toEqual(expected);
}
