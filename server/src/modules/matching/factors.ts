/**
 * The factors of a match score, each as a share (0..1) of its weight and a sentence naming the concrete thing.
 * Every factor is judged from the need's point of view: what it asks, and how well the offer answers it.
 */
import { isPriorityDomain, type Listing, type Locale } from '@app/shared';
import { kindFit } from './kindFit.js';
import {
  domainName,
  kindName,
  listOf,
  percent,
  say,
  subkindName,
  yuan,
  yuanRange,
  unitOf,
} from './phrases.js';
import type { ProviderRecord } from './types.js';

export interface FactorResult {
  fraction: number;
  /** The sentence; empty when the caller only scores (most candidates are scored and never shown). */
  detail: string;
}

type Side = Pick<Listing, 'kind' | 'subkind' | 'domains'>;

/** Domains that are not the same but whose people overlap (either order); they count half. */
const RELATED_DOMAINS = new Set(
  [
    ['elderly', 'health'],
    ['elderly', 'social-assistance'],
    ['elderly', 'disability'],
    ['disability', 'health'],
    ['disability', 'social-assistance'],
    ['disability', 'employment'],
    ['child-welfare', 'minor-protection'],
    ['child-welfare', 'education'],
    ['child-welfare', 'women-family'],
    ['minor-protection', 'education'],
    ['minor-protection', 'legal-aid'],
    ['mental-health', 'health'],
    ['community-governance', 'volunteering'],
    ['emergency', 'health'],
    ['employment', 'education'],
  ].flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]),
);
const RELATED_DOMAIN_CREDIT = 0.5;
/** A priority domain (§三(四)) weighs twice an ordinary one. */
const PRIORITY_DOMAIN_WEIGHT = 2;
/** How much of the domain factor rewards an offer's focus rather than its coverage of the need's domains. */
const DOMAIN_FOCUS_SHARE = 0.25;

const domainWeight = (d: string) => (isPriorityDomain(d) ? PRIORITY_DOMAIN_WEIGHT : 1);

/**
 * Help given to an organization itself rather than to the people it serves: a room, an office or exhibition space,
 * registration, policy, bookkeeping, training, evaluation or publicity coaching, a mentor, a hire. On such
 * listings the service domains are the organization's field, not the help's: a designer tagged 文体 answers a
 * governance association's call for posters as well as one tagged 社区治理. Legal services, community services,
 * volunteers, pro-bono professionals, money and goods keep their domains: there they say whom the help reaches.
 */
const ORGANIZATION_HELP: ReadonlySet<string> = new Set([
  'registration',
  'policy',
  'finance',
  'training',
  'evaluation',
  'publicity',
  'mentor',
  'staff',
]);

/** Whether what the need asks is help to its organization, so that domains do not decide (see ORGANIZATION_HELP). */
export function helpsOrganization(need: Pick<Listing, 'kind' | 'subkind'>): boolean {
  return need.kind === 'venue' || ORGANIZATION_HELP.has(need.subkind ?? '');
}

/**
 * How much of the need's domains the offer works in; priority domains weigh double, related ones half. For help
 * to an organization the domains are not compared: every offer gets the full points, so words and kind decide.
 */
export function domainFactor(need: Side, offer: Side, locale: Locale, explain = true): FactorResult {
  if (helpsOrganization(need)) {
    return {
      fraction: 1,
      detail: say(
        locale,
        '对机构自身的支持，不比较服务领域',
        'Help to the organization itself: service domains are not compared',
      ),
    };
  }
  const total = need.domains.reduce((s, d) => s + domainWeight(d), 0);
  const shared = need.domains.filter((d) => offer.domains.includes(d));
  const related = need.domains
    .filter((d) => !shared.includes(d))
    .flatMap((d) => offer.domains.filter((o) => RELATED_DOMAINS.has(`${d}|${o}`)).map((o) => [d, o] as const))
    .filter(([d], i, all) => all.findIndex(([x]) => x === d) === i);
  const gained =
    shared.reduce((s, d) => s + domainWeight(d), 0) +
    related.reduce((s, [d]) => s + RELATED_DOMAIN_CREDIT * domainWeight(d), 0);
  const coverage = total > 0 ? Math.min(1, gained / total) : 0;
  // An offer that works on exactly these people is a surer answer than one that lists every domain.
  const offerTotal = offer.domains.reduce((s, d) => s + domainWeight(d), 0);
  const focus = offerTotal > 0 ? Math.min(1, gained / offerTotal) : 0;
  const fraction = (1 - DOMAIN_FOCUS_SHARE) * coverage + DOMAIN_FOCUS_SHARE * focus;
  if (!explain) return { fraction, detail: '' };

  const named = (d: string) =>
    isPriorityDomain(d)
      ? say(locale, `${domainName(d, locale)}（重点领域）`, `${domainName(d, locale)} (priority)`)
      : domainName(d, locale);
  const parts: string[] = [];
  if (shared.length)
    parts.push(say(locale, '共同服务领域：', 'Shared domains: ') + listOf(shared.map(named), locale));
  if (related.length) {
    const pairs = related.map(([d, o]) => `${domainName(d, locale)}—${domainName(o, locale)}`);
    parts.push(say(locale, '相关领域：', 'related domains: ') + listOf(pairs, locale));
  }
  const joined = parts.join(say(locale, '；', '; '));
  const detail = parts.length
    ? joined.charAt(0).toUpperCase() + joined.slice(1)
    : say(locale, '没有共同的服务领域', 'No shared service domain');
  return { fraction, detail };
}

/** Whether what the offer gives is what the need asks for. */
export function kindFactor(need: Side, offer: Side, locale: Locale, explain = true): FactorResult {
  const { fit, relation } = kindFit(need, offer);
  if (!explain) return { fraction: fit, detail: '' };
  const asked = kindName(need.kind, need.subkind, locale);
  const given = kindName(offer.kind, offer.subkind, locale);
  const detail = {
    same: say(locale, `类型相符：${given}`, `Same kind: ${given}`),
    open: say(
      locale,
      `同为${kindName(need.kind, undefined, locale)}`,
      `Both are ${kindName(need.kind, undefined, locale)}`,
    ),
    related: say(
      locale,
      `类型相近：需要${asked}，提供${given}`,
      `Related kinds: ${asked} asked, ${given} offered`,
    ),
    unrelated: say(
      locale,
      `同为${kindName(need.kind, undefined, locale)}，但子类不同：需要${subkindName(need.subkind ?? '', locale)}，提供${subkindName(offer.subkind ?? '', locale)}`,
      `Both ${kindName(need.kind, undefined, locale)}, but ${subkindName(need.subkind ?? '', locale)} asked and ${subkindName(offer.subkind ?? '', locale)} offered`,
    ),
    none: say(
      locale,
      `类型不符：需要${asked}，提供${given}`,
      `Kinds differ: ${asked} asked, ${given} offered`,
    ),
  }[relation];
  return { fraction: fit, detail };
}

/** The search engine's relevance of the candidate's words to the subject's, 0..1. */
export function textFactor(relevance: number, locale: Locale, explain = true): FactorResult {
  const fraction = Number.isFinite(relevance) ? Math.min(1, Math.max(0, relevance)) : 0;
  if (!explain) return { fraction, detail: '' };
  return {
    fraction,
    detail: say(locale, `文字相关度${percent(fraction)}`, `Text relevance ${percent(fraction)}`),
  };
}

/** Money: does the offer's range cover the sum asked? Otherwise counts: does the capacity left cover the count? */
export function amountFactor(
  need: Pick<Listing, 'kind' | 'amount' | 'capacity'>,
  offer: Pick<Listing, 'kind' | 'amount' | 'capacity' | 'capacityUsed'>,
  locale: Locale,
  explain = true,
): FactorResult {
  const neutral = (zh: string, en: string): FactorResult => ({ fraction: 0.5, detail: say(locale, zh, en) });
  if (need.kind === 'funding' || offer.kind === 'funding') {
    const asked = need.amount?.max ?? need.amount?.min;
    if (asked === undefined) return neutral('需求未写明金额', 'The need names no sum');
    const min = offer.amount?.min;
    const max = offer.amount?.max;
    if (min === undefined && max === undefined)
      return neutral('对方未写明资助额度', 'The offer names no amount');
    const range = explain ? yuanRange(min, max, locale) : '';
    const need$ = explain ? yuan(asked, locale) : '';
    if (max !== undefined && asked > max) {
      return {
        fraction: 0.8 * (max / asked),
        detail: say(
          locale,
          `资助额度（${range}）低于所需的${need$}`,
          `The amount (${range}) is below the ${need$} asked`,
        ),
      };
    }
    if (min !== undefined && asked < min) {
      return {
        fraction: 0.4,
        detail: say(
          locale,
          `资助起点（${range}）高于所需的${need$}`,
          `The amount (${range}) starts above the ${need$} asked`,
        ),
      };
    }
    return {
      fraction: 1,
      detail: say(
        locale,
        `资助额度（${range}）覆盖所需的${need$}`,
        `The amount (${range}) covers the ${need$} asked`,
      ),
    };
  }
  const asked = need.capacity;
  if (asked === undefined) return neutral('需求未写明数量', 'The need names no number');
  if (offer.capacity === undefined) return neutral('对方未写明容量', 'The offer names no capacity');
  const left = Math.max(0, offer.capacity - (offer.capacityUsed ?? 0));
  const unit = unitOf(need.kind, locale);
  if (left < asked) {
    return {
      fraction: 0.8 * (left / asked),
      detail: say(
        locale,
        `可提供${left}${unit}，少于所需的${asked}${unit}`,
        `${left} ${unit} available, fewer than the ${asked} asked`,
      ),
    };
  }
  // A hall for two hundred is a poor answer to a meeting of twelve.
  if (need.kind === 'venue' && left > 5 * asked) {
    return {
      fraction: 0.7,
      detail: say(
        locale,
        `可容纳${left}${unit}，远超所需的${asked}${unit}`,
        `Holds ${left} ${unit}, far more than the ${asked} asked`,
      ),
    };
  }
  return {
    fraction: 1,
    detail: say(
      locale,
      `可提供${left}${unit}，满足所需的${asked}${unit}`,
      `${left} ${unit} available, covering the ${asked} asked`,
    ),
  };
}

/** Priors for a provider with little or no history: a newcomer lands in the middle, not at zero. */
const PRIOR = { responseRate: 0.7, rating: 4, ratingWeight: 3, completedHalf: 5 } as const;

/** The other side's record: answering, delivering and being well reviewed; shrunk towards a neutral prior. */
export function recordFactor(
  record: ProviderRecord | undefined,
  locale: Locale,
  explain = true,
): FactorResult {
  const completed = record?.completed ?? 0;
  const reviews = record?.reviews ?? 0;
  const response = record?.responseRate ?? PRIOR.responseRate;
  const rating =
    record?.averageRating !== undefined && reviews > 0
      ? (record.averageRating * reviews + PRIOR.rating * PRIOR.ratingWeight) / (reviews + PRIOR.ratingWeight)
      : PRIOR.rating;
  // 0.5 for none, rising towards 1 as completed matches accumulate.
  const delivery = 0.5 + 0.5 * (completed / (completed + PRIOR.completedHalf));
  const fraction = 0.4 * response + 0.3 * delivery + 0.3 * ((rating - 1) / 4);
  if (!explain) return { fraction, detail: '' };

  if (!record || (completed === 0 && reviews === 0 && record.responseRate === undefined)) {
    return {
      fraction,
      detail: say(
        locale,
        '新加入的提供方，暂无记录，按中性分计',
        'New on the platform: no record yet, scored neutrally',
      ),
    };
  }
  const zh: string[] = [];
  const en: string[] = [];
  if (record.responseRate !== undefined) {
    zh.push(`响应率${percent(record.responseRate)}`);
    en.push(`responds to ${percent(record.responseRate)}`);
  }
  zh.push(`已完成对接${completed}次`);
  en.push(`${completed} matches completed`);
  if (record.averageRating !== undefined && reviews > 0) {
    zh.push(`平均评分${record.averageRating.toFixed(1)}（${reviews}条评价）`);
    en.push(`rated ${record.averageRating.toFixed(1)} in ${reviews} reviews`);
  }
  const enText = en.join(', ');
  return { fraction, detail: say(locale, zh.join('，'), enText.charAt(0).toUpperCase() + enText.slice(1)) };
}
