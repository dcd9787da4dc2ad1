/** Generated social organizations (社会组织) and funders (企业, 基金会) with valid credit codes. */
import {
  domains,
  type CreateOrganizationBody,
  type District,
  type Domain,
  type OrgType,
  type Street,
} from '@app/shared';
import { creditCode, type Issuer } from './creditCodes.js';
import { landline } from './people.js';
import { drawDistrict, drawStreet } from './places.js';
import { Random, WeightedTable } from './random.js';
import { domainWords } from './vocabulary/domainWords.js';
import {
  brandFirst,
  brandSecond,
  domainSuffixes,
  enterpriseIndustries,
  foundationSuffixes,
  professionalFirms,
  projectTeamSuffixes,
  socialGroupSuffixes,
  socialServiceSuffixes,
} from './vocabulary/names.js';

export type Specialty = 'legal' | 'finance' | 'publicity';

/** What the listing generator needs to know about an organization; not sent to the API. */
export interface OrgProfile {
  readonly key: string;
  readonly role: 'organization' | 'funder';
  readonly name: string;
  readonly brand: string;
  readonly type: OrgType;
  readonly foundedYear: number;
  readonly district: District;
  readonly street?: Street | undefined;
  readonly domains: readonly Domain[];
  /** A professional firm (law, accounting, publicity) offers mostly its own profession. */
  readonly specialty?: Specialty | undefined;
  readonly registered: boolean;
}

export interface GeneratedOrganization {
  key: string;
  ownerKey: string;
  body: CreateOrganizationBody;
  /** Whether the base operator has verified it (the loader sets the verification status). */
  verified: boolean;
  /** 社会组织评估等级 1-5, null when not evaluated. */
  grade: number | null;
}

/** Priority domains are about twice as common, as the policy asks bases to favour them. */
export const domainTable = new WeightedTable(
  domains.items.map((d) => [d.code, d.priority ? 2.5 : 1] as const),
);

// prettier-ignore
const socialTypes = new WeightedTable<OrgType>([['social-service', 55], ['social-group', 25], ['project-team', 20]]);
const suffixTables: Partial<Record<OrgType, WeightedTable<string>>> = {
  'social-service': new WeightedTable(socialServiceSuffixes),
  'social-group': new WeightedTable(socialGroupSuffixes),
  'project-team': new WeightedTable(projectTeamSuffixes),
  foundation: new WeightedTable(foundationSuffixes),
};
const industryTable = new WeightedTable(enterpriseIndustries);
// prettier-ignore
const gradeTables = {
  social: new WeightedTable<number | null>([[null, 50], [1, 2], [2, 6], [3, 22], [4, 14], [5, 6]]),
  foundation: new WeightedTable<number | null>([[null, 30], [3, 25], [4, 30], [5, 15]]),
};

/** A generic name ending, or one that says what the organization does when its main domain has one. */
function drawSuffix(r: Random, type: OrgType, domain: Domain): string {
  const specific = domainSuffixes[type]?.[domain];
  return specific && r.chance(0.35) ? r.pick(specific) : suffixTables[type]!.pick(r);
}

/** 1 to `max` domains, the first one drawn with the priority weighting, all distinct. */
export function drawDomains(r: Random, max: number, first?: Domain): Domain[] {
  const chosen = [first ?? domainTable.pick(r)];
  const count = r.int(1, max);
  for (let tries = 0; chosen.length < count && tries < 10; tries++) {
    const next = domainTable.pick(r);
    if (!chosen.includes(next)) chosen.push(next);
  }
  return chosen;
}

/** Makes organization names unique within one dataset. */
export class NameRegistry {
  private readonly taken: Set<string>;
  constructor(taken: readonly string[] = []) {
    this.taken = new Set(taken);
  }
  /** Tries the maker until it yields an unused name; after ten clashes, adds a third brand character. */
  claim(
    r: Random,
    make: (brand: string) => string | { name: string; brand: string },
    preferred?: readonly string[],
  ): { name: string; brand: string } {
    for (let attempt = 0; attempt < 12; attempt++) {
      const brand =
        attempt < 10
          ? preferred && r.chance(0.5)
            ? r.pick(preferred)
            : r.pick(brandFirst) + r.pick(brandSecond)
          : r.pick(brandFirst) + r.pick(brandSecond) + r.pick(brandSecond);
      const made = make(brand);
      const named = typeof made === 'string' ? { name: made, brand } : made;
      if (!this.taken.has(named.name)) {
        this.taken.add(named.name);
        return named;
      }
    }
    throw new Error('could not find an unused organization name');
  }
}

/** One social organization (role `organization`): a registered 社会团体 or 社会服务机构, or a project team. */
export function socialOrganization(
  r: Random,
  key: string,
  ownerKey: string,
  names: NameRegistry,
  serial: number,
  only?: readonly string[],
) {
  const type = socialTypes.pick(r);
  const district = drawDistrict(r, 'organizations', only);
  const street = drawStreet(r, district);
  const orgDomains = drawDomains(r, 3);
  const suffix = drawSuffix(r, type, orgDomains[0]!);
  const brands = domainWords[orgDomains[0]!].brands;
  const { name, brand } = names.claim(
    r,
    (b) => {
      if (type === 'project-team') return r.chance(0.5) ? `${b}${suffix}` : `${street.zh}${b}${suffix}`;
      if (type === 'social-group' && r.chance(0.4)) {
        // A street's own association goes by the street's name (天平路街道志愿者协会).
        return {
          name: `上海市${district.zh}${street.zh}${suffix}`,
          brand: street.zh.replace(/(街道|镇|乡)$/, ''),
        };
      }
      return r.chance(0.85) ? `上海市${district.zh}${b}${suffix}` : `上海${b}${suffix}`;
    },
    brands,
  );
  const foundedYear = type === 'project-team' ? r.int(2021, 2026) : r.int(2006, 2025);
  const grade = type === 'project-team' ? null : gradeTables.social.pick(r);
  const profile: OrgProfile = {
    key,
    role: 'organization',
    name,
    brand,
    type,
    foundedYear,
    district,
    street,
    domains: orgDomains,
    registered: type !== 'project-team',
  };
  const region = name.startsWith('上海市') || type === 'project-team' ? district.code : '310000';
  const organization = build(r, profile, ownerKey, serial, {
    grade,
    verified: r.chance(type === 'project-team' ? 0.4 : 0.85),
    issuer: 'civil-affairs',
    region,
    description: socialDescription(r, profile),
  });
  return { profile, organization };
}

/** One funder (role `funder`): an enterprise, a professional firm or a foundation. */
export function funderOrganization(
  r: Random,
  key: string,
  ownerKey: string,
  names: NameRegistry,
  serial: number,
  only?: readonly string[],
) {
  const isFoundation = r.chance(0.3);
  const district = drawDistrict(r, 'business', only);
  const street = drawStreet(r, district);
  const orgDomains = drawDomains(r, isFoundation ? 4 : 3);
  const firm = !isFoundation && r.chance(0.25) ? r.pick(professionalFirms) : undefined;
  const type: OrgType = isFoundation ? 'foundation' : 'enterprise';
  const suffix = isFoundation ? drawSuffix(r, type, orgDomains[0]!) : firm ? firm[0] : industryTable.pick(r);
  const { name, brand } = names.claim(r, (b) =>
    !isFoundation && !firm && r.chance(0.2)
      ? `${b}（上海）${suffix}`
      : `${r.chance(0.7) ? '上海' : '上海市'}${b}${suffix}`,
  );
  const issuer: Issuer = isFoundation ? 'civil-affairs' : firm?.[0] === '律师事务所' ? 'justice' : 'market';
  const profile: OrgProfile = {
    key,
    role: 'funder',
    name,
    brand,
    type,
    district,
    street,
    domains: orgDomains,
    specialty: firm?.[1],
    foundedYear: isFoundation ? r.int(2005, 2022) : r.int(1995, 2022),
    registered: true,
  };
  const organization = build(r, profile, ownerKey, serial, {
    grade: isFoundation ? gradeTables.foundation.pick(r) : null,
    verified: r.chance(isFoundation ? 0.95 : 0.8),
    issuer,
    region: isFoundation || issuer === 'justice' || r.chance(0.3) ? '310000' : district.code,
    description: funderDescription(r, profile),
  });
  return { profile, organization };
}

interface BuildExtras {
  grade: number | null;
  verified: boolean;
  issuer: Issuer;
  region: string;
  description: string;
}

function build(
  r: Random,
  p: OrgProfile,
  ownerKey: string,
  serial: number,
  x: BuildExtras,
): GeneratedOrganization {
  const body: CreateOrganizationBody = {
    name: p.name,
    type: p.type,
    domains: [...p.domains],
    district: p.district.code,
    description: x.description,
  };
  if (p.type !== 'project-team') body.creditCode = creditCode(r, p.type, x.issuer, x.region);
  if (p.street && r.chance(0.9)) body.street = p.street.code;
  if (x.grade !== null) body.grade = x.grade;
  if (r.chance(0.6)) body.phone = landline(r);
  if (r.chance(0.5))
    body.contactEmail = `contact.${serial}@${p.role === 'funder' ? 'example.com' : 'example.net'}`;
  return { key: p.key, ownerKey, body, verified: x.verified, grade: x.grade };
}

function socialDescription(r: Random, p: OrgProfile): string {
  const words = domainWords[p.domains[0]!];
  const services = r.sample(words.services, 3).join('、');
  const labels = p.domains.map((d) => domains.get(d).zh).join('、');
  const start =
    p.type === 'project-team'
      ? `${p.name}组建于${p.foundedYear}年，是一支扎根${p.street?.zh ?? p.district.zh}的居民公益团队，尚在筹备登记。`
      : `${p.name}成立于${p.foundedYear}年，是在${p.district.zh}民政局登记的${p.type === 'social-group' ? '社会团体' : '社会服务机构'}。`;
  const work = `主要服务领域为${labels}，面向${r.pick(words.who)}开展${services}等服务。`;
  const team =
    p.type === 'project-team'
      ? `团队有核心成员${r.int(3, 12)}人，志愿者${r.int(1, 10) * 10}余人。`
      : `现有专职人员${r.normalInt(8, 6, 2, 60)}人，注册志愿者${r.int(2, 60) * 10}余人，年服务${r.int(5, 300) * 100}人次。`;
  const honour = r.chance(0.3)
    ? r.pick(['曾获评区级优秀社会组织。', '多个项目获得区公益创投资助。', '是区社会组织培育基地入驻机构。'])
    : '';
  return start + work + team + honour;
}

function funderDescription(r: Random, p: OrgProfile): string {
  const labels = p.domains.map((d) => domains.get(d).zh).join('、');
  if (p.type === 'foundation') {
    return `${p.name}成立于${p.foundedYear}年，原始基金${r.pick([200, 400, 800, 1000, 2000])}万元，业务主管单位为上海市民政局。基金会重点资助${labels}领域的公益项目，累计资助社会组织${r.int(10, 300)}家。`;
  }
  const focus = p.specialty
    ? {
        legal: '律师团队常年为社会组织和困难群众提供公益法律服务',
        finance: '团队为小微社会组织提供公益财务服务',
        publicity: '团队为公益项目提供免费的传播支持',
      }[p.specialty]
    : `公司通过捐赠、员工志愿服务和场地开放支持${labels}等公益事业`;
  return `${p.name}成立于${p.foundedYear}年，总部位于${p.district.zh}。${focus}，积极履行企业社会责任。`;
}
