/**
 * The words one listing's title and description are made from. They are drawn once per listing, so the title and
 * the description speak of the same people, service and place.
 */
import {
  domains,
  orgTypes,
  type District,
  type Domain,
  type Eligibility,
  type Kind,
  type OrgType,
  type Side,
  type Street,
  type Subkind,
} from '@app/shared';
import type { Random } from '../random.js';
import { domainWords, type DomainWords } from '../vocabulary/domainWords.js';
import {
  capacityTopics,
  evaluationServices,
  financeServices,
  genericProfessions,
  legalTopics,
  policyTopics,
  publicityChannels,
  registrationTypes,
  residentLegalAsks,
  staffPosts,
  timeSlots,
} from '../vocabulary/phrases.js';
import { compoundEndings, compoundFirst, compoundSecond } from '../vocabulary/names.js';
import { yuan, yuanRange } from './format.js';

export type PosterRole = 'resident' | 'organization' | 'funder';

/** The organization a listing is posted for, as far as the text needs it. */
export interface TextOwner {
  readonly name: string;
  /** The invented brand inside the name (乐颐, 恒川…), used as a short name. */
  readonly brand: string;
  readonly type: OrgType;
  readonly foundedYear: number;
  /** Where it is based: its street, or its district. */
  readonly home: string;
}

/** The structured fields of a listing, decided before its text is written. */
export interface TextInput {
  readonly side: Side;
  readonly kind: Kind;
  readonly subkind: Subkind;
  readonly domain: Domain;
  readonly otherDomains: readonly Domain[];
  readonly role: PosterRole;
  readonly owner?: TextOwner | undefined;
  readonly district: District;
  readonly street?: Street | undefined;
  readonly amount?: { min?: number | undefined; max?: number | undefined } | undefined;
  readonly capacity?: number | undefined;
  readonly startsAt?: Date | undefined;
  readonly endsAt?: Date | undefined;
  readonly eligibility?: Eligibility | undefined;
}

export interface Slots extends TextInput {
  readonly r: Random;
  readonly words: DomainWords;
  readonly domainLabel: string;
  readonly who: string;
  readonly service: string;
  readonly task: string;
  readonly use: string;
  readonly profession: string;
  readonly topic: string;
  /** The goods item: equipment or supplies of the domain, by sub-kind. */
  readonly item: string;
  /** What a service is about, by sub-kind: a policy, a legal topic, a finance service, a job title… */
  readonly subject: string;
  /** A project name in 「」. */
  readonly project: string;
  /** 徐汇区天平路街道, or 徐汇区 without a street. */
  readonly place: string;
  /** The street's name, or the district's short name (徐汇) without a street. */
  readonly area: string;
  /** A residential compound (锦华新村). */
  readonly compound: string;
  readonly when: string;
  readonly amountText: string;
  /** The capacity, or a plausible count of people or items when there is none. */
  readonly n: number;
  /** The owner's name, or 我们 for a resident. */
  readonly orgName: string;
  /** How the poster refers to itself in a body sentence: 本公司, 本基金会, 本机构, 我们团队, 我. */
  readonly self: string;
  /** The owner's short name (its brand), or the district's short name. */
  readonly brand: string;
  readonly orgTypeLabel: string;
}

/** 上门助餐 → 上门助餐服务, but 助浴服务 stays as it is. */
export const serviceWord = (service: string) => (service.endsWith('服务') ? service : `${service}服务`);

/** Draws the slots for one listing. */
export function drawSlots(r: Random, input: TextInput): Slots {
  const words = domainWords[input.domain];
  const owner = input.owner;
  const place = input.street ? `${input.district.zh}${input.street.zh}` : input.district.zh;
  const project = `「${r.chance(0.7) ? r.pick(words.projects) : `${owner?.brand ?? input.district.shortZh}${r.pick(words.projects)}`}」`;
  // Fields are listed one by one: spreading `input` here made each call about fifty times slower in V8.
  return {
    side: input.side,
    kind: input.kind,
    subkind: input.subkind,
    domain: input.domain,
    otherDomains: input.otherDomains,
    role: input.role,
    owner,
    district: input.district,
    street: input.street,
    amount: input.amount,
    capacity: input.capacity,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    eligibility: input.eligibility,
    r,
    words,
    domainLabel: domains.get(input.domain).zh,
    who: r.pick(words.who),
    service: r.pick(words.services),
    task: r.pick(words.tasks),
    use: r.pick(words.uses),
    profession: r.chance(0.75) ? r.pick(words.professions) : r.pick(genericProfessions),
    topic: r.chance(0.6) ? r.pick(capacityTopics) : r.pick(words.topics),
    item: r.pick(input.subkind === 'supplies' ? words.supplies : words.equipment),
    subject: drawSubject(r, input),
    project,
    place,
    area: input.street?.zh ?? input.district.shortZh,
    compound: `${r.pick(compoundFirst)}${r.pick(compoundSecond)}${r.pick(compoundEndings)}`,
    when: r.pick(timeSlots),
    amountText: amountWords(input),
    n: input.capacity ?? fallbackCount(r, input.subkind),
    orgName: owner?.name ?? '我们',
    self: selfWord(owner?.type),
    brand: owner?.brand ?? input.district.shortZh,
    orgTypeLabel: owner ? orgTypeWord(owner.type) : '',
  };
}

/** How an organization of a type calls itself in a sentence. */
function orgTypeWord(type: OrgType): string {
  if (type === 'social-service') return '社会服务机构';
  if (type === 'project-team') return '公益团队';
  return orgTypes.get(type).zh;
}

/** What a service listing is about, drawn from the sub-kind's own list. */
function drawSubject(r: Random, input: TextInput): string {
  switch (input.subkind) {
    case 'policy':
      return r.pick(policyTopics);
    case 'legal':
      return r.pick(input.role === 'resident' ? residentLegalAsks : legalTopics);
    case 'finance':
      return r.pick(financeServices);
    case 'evaluation':
      return r.pick(evaluationServices);
    case 'publicity':
      return r.pick(publicityChannels);
    case 'staff':
      return r.pick(staffPosts);
    case 'registration':
      return r.pick(registrationTypes);
    default:
      return '';
  }
}

/**
 * A need names the sum it asks for ('8万元'), and so does a donation; other offers say how far they go
 * ('最高8万元', '5万-20万元').
 */
function amountWords(input: TextInput): string {
  const amount = input.amount;
  if (!amount) return '';
  const single = input.side === 'need' || input.subkind === 'donation';
  if (single && amount.min === undefined && amount.max !== undefined) return yuan(amount.max);
  return yuanRange(amount);
}

/** A plausible count for the text when the listing has no capacity: seats, people or items. */
// prettier-ignore
const COUNTS: Partial<Record<Subkind, readonly [number, number]>> = {
  office: [2, 12], 'meeting-room': [6, 30], 'event-space': [20, 150], exhibition: [20, 100], 'pro-bono': [1, 5],
  mentor: [1, 3], staff: [1, 3], training: [5, 30], equipment: [1, 20], supplies: [20, 300], volunteer: [3, 30],
  'community-service': [5, 80],
};
function fallbackCount(r: Random, subkind: Subkind): number {
  const [min, max] = COUNTS[subkind] ?? [3, 60];
  return r.int(min, max);
}

function selfWord(type: OrgType | undefined): string {
  if (type === 'enterprise') return '本公司';
  if (type === 'foundation') return '本基金会';
  if (type === 'project-team') return '我们团队';
  return type ? '本机构' : '我';
}
