import { trusted, Types } from 'mongoose';
import { districts, domains, subkinds, type Domain } from '@app/shared';
import { hashPassword } from '../modules/auth/password.js';
import { BaseModel } from '../modules/bases/model.js';
import { ListingModel } from '../modules/listings/model.js';
import { MatchModel, RESPONSE_DAYS } from '../modules/matching/model.js';
import { OrganizationModel } from '../modules/organizations/model.js';
import { ResidencyModel } from '../modules/residencies/model.js';
import { UserModel } from '../modules/users/model.js';
import { mulberry32 } from '../lib/seededRandom.js';

/*
 * A year of history for the demo, so that the bureau's dashboard and district map show something real on first
 * start: a district base in every district that has none, organizations resident in each base (some graduated or
 * exited), needs and offers posted month by month across all 16 districts, and matches that were proposed,
 * answered, carried out or left to expire. Deterministic for a given `now`: a seeded generator, no Math.random.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The demo history's draws, on a seeded generator. */
function seeded(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

const needTitles: Record<string, string[]> = {
  funding: ['社区助老项目资金缺口', '儿童课后托管项目资助申请', '残障人士就业培训经费'],
  venue: ['周末亲子活动需要场地', '长者合唱团排练场地', '志愿者培训会议室'],
  talent: ['助餐配送志愿者招募', '心理咨询专业志愿者', '项目财务导师'],
  service: ['机构登记辅导', '年度审计财务托管', '项目评估辅导'],
  goods: ['社区活动室桌椅', '助浴设备添置', '冬季慰问物资'],
};
const offerTitles: Record<string, string[]> = {
  funding: ['公益创投项目资助', '社区基金小额补贴', '企业公益捐赠'],
  venue: ['街道活动中心场地开放', '基地会议室共享', '展示空间免费使用'],
  talent: ['企业员工志愿服务队', '律师事务所公益法律服务', '高校社工专业实习生'],
  service: ['社会组织登记辅导', '财务托管服务', '能力建设培训课程'],
  goods: ['办公设备捐赠', '防疫物资捐赠', '图书捐赠'],
};
const kindsInOrder = ['service', 'talent', 'funding', 'venue', 'goods'] as const;

export interface HistoryListing {
  _id: Types.ObjectId;
  side: 'need' | 'offer';
  kind: string;
  ownerId: Types.ObjectId;
  organizationId?: Types.ObjectId | null;
  createdAt: Date;
  amount?: { min?: number | null; max?: number | null } | null;
}

/**
 * Matches among the given needs and offers over the year before `now`: about `share` of the needs get one, whose
 * history runs from proposal to acceptance or decline, completion with evidence, or expiry. Returns how many.
 */
export async function addMatchHistory(
  needs: HistoryListing[],
  offers: HistoryListing[],
  now: Date,
  share = 0.45,
  seed = 16,
): Promise<number> {
  const r = seeded(seed);
  const byKind = new Map<string, HistoryListing[]>();
  for (const o of offers) (byKind.get(o.kind) ?? byKind.set(o.kind, []).get(o.kind)!).push(o);
  const matches = [];
  const matchedNeeds: Types.ObjectId[] = [];
  for (const need of needs) {
    const pool = byKind.get(need.kind);
    if (!pool?.length || !r.chance(share)) continue;
    const offer = r.pick(pool);
    if (String(offer.ownerId) === String(need.ownerId)) continue;
    const proposedAt = new Date(Math.max(+need.createdAt, +offer.createdAt) + r.int(2, 240) * HOUR);
    if (proposedAt > now) continue;
    const history: { status: string; at: Date }[] = [{ status: 'proposed', at: proposedAt }];
    const deadline = new Date(+proposedAt + RESPONSE_DAYS * DAY);
    const roll = r.next();
    const answeredAt = new Date(+proposedAt + r.int(1, 90) * HOUR);
    let amount: number | undefined;
    if (roll < 0.62 && answeredAt < now) {
      history.push({ status: 'accepted', at: answeredAt });
      const doneAt = new Date(+answeredAt + r.int(5, 45) * DAY);
      if (r.chance(0.75) && doneAt < now) {
        history.push({ status: 'completed', at: doneAt });
        if (need.kind === 'funding')
          amount = Math.round((offer.amount?.max ?? 20_000) * (0.5 + r.next() / 2));
      }
    } else if (roll < 0.82 && answeredAt < now) {
      history.push({ status: 'declined', at: answeredAt });
    } else if (+deadline + 4 * DAY < +now) {
      history.push({ status: 'expired', at: new Date(+deadline + 4 * DAY) });
    }
    const last = history[history.length - 1]!;
    if (last.status === 'accepted' || last.status === 'completed') matchedNeeds.push(need._id);
    matches.push({
      needId: need._id,
      offerId: offer._id,
      needOwnerId: need.ownerId,
      offerOwnerId: offer.ownerId,
      ...(need.organizationId ? { needOrgId: need.organizationId } : {}),
      ...(offer.organizationId ? { offerOrgId: offer.organizationId } : {}),
      status: last.status,
      score: r.int(55, 95),
      proposedBy: offer.ownerId,
      proposedSide: 'offer',
      deadline,
      ...(last.status === 'completed'
        ? { evidence: { summary: '服务已按约完成', ...(amount ? { amount } : {}), deliveredAt: last.at } }
        : {}),
      history,
      createdAt: proposedAt,
      updatedAt: last.at,
    });
  }
  for (let i = 0; i < matches.length; i += 2000) await MatchModel.insertMany(matches.slice(i, i + 2000));
  // Small batches: the embedded engine tests every updated document against the whole `$in` list again.
  for (let i = 0; i < matchedNeeds.length; i += 100)
    await ListingModel.updateMany(
      { _id: trusted({ $in: matchedNeeds.slice(i, i + 100) }) },
      { $set: { status: 'matched', capacityUsed: 1 } },
    );
  return matches.length;
}

/** Seeds the year of history into a database that holds the core demo set; returns what it added. */
export async function seedDemoHistory(now: Date, listingsPerDistrict = 36) {
  const r = seeded(2023);
  const passwordHash = await hashPassword(`history-${+now}-${r.next()}`);
  const existing = await BaseModel.find().select({ district: 1 }).lean();
  const covered = new Set(existing.map((b) => b.district));
  const newBases = districts.items
    .filter((d) => !covered.has(d.code))
    .map((d) => ({
      _id: new Types.ObjectId(),
      name: `${d.zh}社会组织培育基地`,
      level: 'district',
      district: d.code,
      street: d.streets[0]?.code,
      address: `${d.zh}${d.streets[0]?.zh ?? ''}公益服务中心`,
      createdAt: new Date(+now - 400 * DAY),
      updatedAt: new Date(+now - 400 * DAY),
    }));
  await BaseModel.insertMany(newBases);
  const bases = await BaseModel.find().select({ district: 1, street: 1 }).lean();

  const users = [];
  const organizations = [];
  const residencies = [];
  const posters: {
    ownerId: Types.ObjectId;
    organizationId: Types.ObjectId;
    district: string;
    domains: Domain[];
  }[] = [];
  for (const base of bases) {
    const name = districts.find(base.district)!.shortZh;
    for (let i = 0; i < 4; i++) {
      const owner = new Types.ObjectId();
      const orgId = new Types.ObjectId();
      const orgDomains = [r.pick(domains.codes), r.pick(domains.codes)].filter(
        (d, j, all) => all.indexOf(d) === j,
      );
      const created = new Date(+now - r.int(380, 700) * DAY);
      users.push({
        _id: owner,
        email: `history-${orgId}@demo.resourcelink.cn`,
        passwordHash,
        name: `${name}机构负责人`,
        role: 'organization',
        organizationId: orgId,
        createdAt: created,
        updatedAt: created,
      });
      organizations.push({
        _id: orgId,
        name: `${name}${['阳光', '邻里', '益心', '同行'][i]}社区服务中心`,
        type: i === 3 ? 'project-team' : 'social-service',
        domains: orgDomains,
        district: base.district,
        description: `扎根${name}，服务社区居民。`,
        verification:
          i === 3 && r.chance(0.5) ? { status: 'pending' } : { status: 'verified', decidedAt: created },
        baseId: base._id,
        createdBy: owner,
        createdAt: created,
        updatedAt: created,
      });
      posters.push({ ownerId: owner, organizationId: orgId, district: base.district, domains: orgDomains });
      const admittedAt = new Date(+now - r.int(30, 540) * DAY);
      const ended = +now - +admittedAt > 300 * DAY && r.chance(0.5);
      residencies.push({
        baseId: base._id,
        organizationId: orgId,
        status: ended ? (r.chance(0.7) ? 'graduated' : 'exited') : 'incubating',
        admittedAt,
        ...(ended ? { endedAt: new Date(+admittedAt + r.int(240, 290) * DAY), endReason: '培育期满' } : {}),
        createdAt: admittedAt,
        updatedAt: admittedAt,
      });
    }
  }
  await UserModel.insertMany(users);
  await OrganizationModel.insertMany(organizations);
  await ResidencyModel.insertMany(residencies);

  const listings: (HistoryListing & Record<string, unknown>)[] = [];
  for (const d of districts.items) {
    const local = posters.filter((p) => p.district === d.code);
    for (let i = 0; i < listingsPerDistrict; i++) {
      const poster = r.pick(local);
      const side = r.chance(0.55) ? 'need' : 'offer';
      const kind = kindsInOrder[Math.min(4, Math.floor(r.next() * r.next() * 5))]!;
      const createdAt = new Date(+now - r.int(1, 364) * DAY - r.int(0, 10) * HOUR);
      const subkind = r.pick(subkinds.items.filter((s) => s.kind === kind)).code;
      listings.push({
        _id: new Types.ObjectId(),
        side,
        kind,
        subkind,
        title: `${d.shortZh}·${r.pick((side === 'need' ? needTitles : offerTitles)[kind]!)}`,
        description: `${d.zh}${r.pick(d.streets).zh}：${side === 'need' ? '希望得到支持' : '欢迎有需要的机构联系'}。`,
        domains: r.chance(0.5) ? [r.pick(domains.codes.slice(0, 5))] : poster.domains,
        district: d.code,
        ...(kind === 'funding' ? { amount: { max: r.int(2, 40) * 5000 } } : {}),
        status: 'open',
        capacityUsed: 0,
        ownerId: poster.ownerId,
        organizationId: poster.organizationId,
        createdAt,
        updatedAt: createdAt,
      });
    }
  }
  await ListingModel.insertMany(listings);
  const matches = await addMatchHistory(
    listings.filter((l) => l.side === 'need'),
    listings.filter((l) => l.side === 'offer'),
    now,
  );
  return { bases: newBases.length, organizations: organizations.length, listings: listings.length, matches };
}
