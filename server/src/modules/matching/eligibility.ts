/**
 * An offer's eligibility rules are hard: a taker that fails one is not ranked at all but shown as a near miss,
 * with the rule it failed.
 *
 * Who is the taker: the organization that owns the need the offer would answer.
 * - Registered means what the organizations module means (a legal person with a credit code, verified by a base).
 * - A resident's need has no organization. Rules about the organization (types, registered only, minimum grade)
 *   therefore fail for it: a grant "for registered social organizations" is not for a private person. An offer
 *   without such rules is open to residents.
 * - The districts rule checks the need's district, i.e. where the help is wanted, for residents and organizations
 *   alike: a district's fund pays for work in that district.
 */
import { orgTypes, type Listing } from '@app/shared';
import { districtName, listOf } from './phrases.js';
import type { Bilingual, EligibilityFailure, MatchOrganization } from './types.js';

const both = (zh: string, en: string): Bilingual => ({ 'zh-CN': zh, en });

/** Every rule of the offer that the taker fails, in the order the rules are listed; empty when eligible. */
export function checkEligibility(
  offer: Pick<Listing, 'eligibility'>,
  takerOrganization: MatchOrganization | undefined,
  takerListing: Pick<Listing, 'district'>,
): EligibilityFailure[] {
  const rules = offer.eligibility;
  if (!rules) return [];
  const failures: EligibilityFailure[] = [];
  const org = takerOrganization;

  if (rules.orgTypes?.length && (!org || !rules.orgTypes.includes(org.type))) {
    const names = (locale: 'zh-CN' | 'en') =>
      listOf(
        rules.orgTypes!.map((t) => orgTypes.label(t, locale)),
        locale,
      );
    failures.push({
      factor: 'eligibility.orgTypes',
      detail: both(`仅限${names('zh-CN')}`, `${names('en')} only`),
    });
  }
  if (rules.registeredOnly && !org?.registered) {
    failures.push({
      factor: 'eligibility.registeredOnly',
      detail: both('需为已登记社会组织', 'Registered social organizations only'),
    });
  }
  if (rules.minGrade !== undefined && (org?.grade ?? 0) < rules.minGrade) {
    failures.push({
      factor: 'eligibility.minGrade',
      detail: both(
        `评估等级需达到${rules.minGrade}A及以上`,
        `Evaluation grade ${rules.minGrade}A or above required`,
      ),
    });
  }
  if (rules.districts?.length && !rules.districts.includes(takerListing.district)) {
    const names = (locale: 'zh-CN' | 'en') =>
      listOf(
        rules.districts!.map((d) => districtName(d, locale)),
        locale,
      );
    failures.push({
      factor: 'eligibility.districts',
      detail: both(`仅限${names('zh-CN')}`, `${names('en')} only`),
    });
  }
  return failures;
}

type RuleName = keyof NonNullable<Listing['eligibility']>;
const RULES: readonly RuleName[] = ['orgTypes', 'registeredOnly', 'minGrade', 'districts'];

/**
 * An offer's rules one by one, each in words and, for a taker known to the caller, whether it is met: `taker`
 * undefined for a visitor (nothing is judged); a district of undefined leaves the district rule unjudged.
 */
export function eligibilityView(
  offer: Pick<Listing, 'eligibility'>,
  taker: { organization: MatchOrganization | undefined; district: string | undefined } | undefined,
  locale: 'zh-CN' | 'en',
) {
  const rules = offer.eligibility ?? {};
  const out = RULES.flatMap((rule) => {
    const value = rules[rule];
    if (value === undefined || value === false || (Array.isArray(value) && !value.length)) return [];
    const only = { eligibility: { [rule]: value } };
    // Against no organization and no place every rule fails, which gives its sentence.
    const [described] = checkEligibility(only, undefined, { district: '' });
    const judged =
      taker && (rule !== 'districts' || taker.district !== undefined)
        ? checkEligibility(only, taker.organization, { district: taker.district ?? '' }).length === 0
        : undefined;
    return [
      {
        rule: described!.factor,
        detail: described!.detail[locale],
        ...(judged !== undefined ? { met: judged } : {}),
      },
    ];
  });
  const eligible = taker ? out.every((r) => r.met !== false) : undefined;
  return { rules: out, ...(eligible !== undefined ? { eligible } : {}) };
}
