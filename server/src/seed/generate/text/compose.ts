/** Puts a listing's title and description together from its structured fields. */
import { districts, domains, orgTypes, type Eligibility } from '@app/shared';
import type { Random } from '../random.js';
import {
  needClosings,
  needExtras,
  offerClosings,
  offerExtras,
  residentNeedExtras,
} from '../vocabulary/phrases.js';
import { periodText } from './format.js';
import { needTexts } from './needs.js';
import { offerTexts } from './offers.js';
import { drawSlots, type Slots, type TextInput } from './slots.js';

export interface ListingText {
  title: string;
  description: string;
}

const TITLE_MAX = 80;

/** A title and a description in Chinese that agree with the listing's fields (amount, capacity, time, rules). */
export function listingText(r: Random, input: TextInput): ListingText {
  const s = drawSlots(r, input);
  const table = (input.side === 'need' ? needTexts : offerTexts)[input.subkind];
  const title = r.pick(table.titles)(s);
  const extras = r
    .sample(
      input.side === 'offer' ? offerExtras : input.role === 'resident' ? residentNeedExtras : needExtras,
      r.int(0, 2),
    )
    .join('');
  const opening = introduction(s) + r.pick(table.bodies)(s) + alsoDomains(s) + extras;
  const lines = [opening];
  const time = timeLine(s);
  if (time) lines.push(time);
  if (input.eligibility) lines.push(eligibilityLine(input.eligibility));
  lines.push(r.pick(input.side === 'need' ? needClosings : offerClosings));
  return {
    title: title.length > TITLE_MAX ? title.slice(0, TITLE_MAX) : title,
    description: lines.join('\n'),
  };
}

function introduction(s: Slots): string {
  const { r, owner } = s;
  if (s.role === 'resident') return r.pick(['', '', '', '', '大家好！', '求助：', '麻烦大家帮忙看一下。']);
  if (!owner || r.chance(0.35)) return '';
  if (owner.type === 'foundation') {
    return r.pick([
      `${owner.name}是在上海市民政局登记的非公募基金会，长期关注${s.domainLabel}。`,
      `${owner.name}成立于${owner.foundedYear}年，致力于推动${s.domainLabel}领域的公益创新。`,
    ]);
  }
  if (owner.type === 'enterprise') {
    return r.pick([
      `作为一家扎根${owner.home}的企业，${owner.brand}一直希望回馈社区。`,
      `${owner.name}长期关注${s.domainLabel}，每年拿出一部分利润支持公益事业。`,
      `我们是${owner.name}。`,
    ]);
  }
  return r.pick([
    `${owner.name}成立于${owner.foundedYear}年，是一家扎根${owner.home}的${s.orgTypeLabel}，主要关注${s.domainLabel}领域。`,
    `我们是${owner.name}。`,
    `${owner.brand}是${owner.home}的一家${s.orgTypeLabel}。`,
  ]);
}

function alsoDomains(s: Slots): string {
  const [other] = s.otherDomains;
  if (!other || s.r.chance(0.5)) return '';
  const label = domains.get(other).zh;
  return s.r.pick([`项目同时涉及${label}。`, `也欢迎关注${label}的伙伴一起参与。`, `（兼顾${label}）`]);
}

function timeLine(s: Slots): string {
  if (!s.startsAt || !s.endsAt) return '';
  const period = periodText(s.startsAt, s.endsAt);
  if (s.side === 'need')
    return s.r.pick([`时间：${period}。`, `需求时段：${period}。`, `希望在${period}期间落实。`]);
  return s.r.pick([`开放时间：${period}。`, `有效期：${period}。`, `服务周期：${period}。`]);
}

/** The eligibility rules in words, matching the structured rules exactly. */
export function eligibilityLine(rules: Eligibility): string {
  const parts: string[] = [];
  if (rules.registeredOnly) parts.push('须为依法登记的社会组织');
  if (rules.orgTypes) parts.push(`限${rules.orgTypes.map((t) => orgTypes.get(t).zh).join('、')}申请`);
  if (rules.minGrade) parts.push(`社会组织评估等级${rules.minGrade}A及以上`);
  if (rules.districts) parts.push(`服务地域限${rules.districts.map((d) => districts.get(d).zh).join('、')}`);
  return `申请条件：${parts.join('；')}。`;
}
