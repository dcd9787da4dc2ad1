/**
 * Seeded generator of realistic search documents (Chinese titles and descriptions, real district and street
 * codes) for the search timing check.
 */
import { districts, domains, kinds, streetsOf, subkindsOf, type Domain, type Kind } from '@app/shared';
import type { SearchDocument } from '../../server/src/search/port.js';

/** A small seeded generator (mulberry32), so every run indexes the same listings. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const who = [
  '社区老人',
  '独居老人',
  '高龄长者',
  '残障人士',
  '困境儿童',
  '青少年',
  '双职工家庭',
  '新就业群体',
  '外来务工人员',
  '居民',
];
const what = [
  '上门助餐',
  '心理疏导',
  '课后看护',
  '就业培训',
  '法律咨询',
  '健康讲座',
  '垃圾分类宣传',
  '文化活动',
  '康复训练',
  '探访陪伴',
];
const needs = ['寻找合作伙伴', '需要志愿者', '寻求资金支持', '需要活动场地', '招募专业社工', '需要物资捐赠'];
const offers = ['免费提供', '长期开放', '资助支持', '公益服务', '可预约使用', '欢迎对接'];
const fillers = [
  '本项目已在街道试点一年，居民反馈良好。',
  '希望与有经验的社会组织长期合作。',
  '活动时间灵活，工作日和周末均可。',
  '优先考虑本区注册的社会组织。',
  '可提供场地、宣传和少量经费支持。',
  '需要具备相关资质，并签订服务协议。',
];

/** n listings, the same ones for the same seed. */
export function generateSearchDocuments(n: number, seed = 20250301): SearchDocument[] {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  return Array.from({ length: n }, (_, i) => generate(i, rnd, pick));
}

function generate(i: number, rnd: () => number, pick: <T>(items: readonly T[]) => T): SearchDocument {
  const kind: Kind = pick(kinds.codes);
  const district = pick(districts.items);
  const streets = streetsOf(district.code);
  const side = rnd() < 0.5 ? 'need' : 'offer';
  const domainCount = 1 + Math.floor(rnd() * 3);
  const listingDomains = new Set<Domain>();
  while (listingDomains.size < domainCount) listingDomains.add(pick(domains.codes));
  const title = `${pick(who)}${pick(what)}${side === 'need' ? pick(needs) : pick(offers)}`;
  const description = `${district.zh}${pick(streets).zh}${pick(who)}${pick(what)}。${pick(fillers)}${pick(fillers)}`;
  const amount = kind === 'funding' ? Math.round(rnd() * 50) * 10_000 : undefined;
  return {
    id: `l${i}`,
    side,
    kind,
    subkind: pick(subkindsOf(kind)).code,
    title,
    description,
    domains: [...listingDomains],
    district: district.code,
    street: pick(streets).code,
    organizationName: rnd() < 0.5 ? `${district.shortZh}${pick(what)}服务社` : null,
    verified: rnd() < 0.4,
    amountMin: amount,
    amountMax: amount,
    createdAt: Date.UTC(2024, 0, 1) + Math.floor(rnd() * 400 * 86_400_000),
    status: rnd() < 0.85 ? 'open' : 'closed',
    _geo: {
      lat: district.centre.lat + (rnd() - 0.5) * 0.05,
      lng: district.centre.lng + (rnd() - 0.5) * 0.05,
    },
  };
}
