import { describe, expect, it } from 'vitest';
import type { Eligibility } from '@app/shared';
import { checkEligibility } from './eligibility.js';
import type { MatchOrganization } from './types.js';

const offer = (eligibility?: Eligibility) => (eligibility ? { eligibility } : {});
const org = (overrides: Partial<MatchOrganization> = {}): MatchOrganization => ({
  type: 'social-service',
  registered: true,
  grade: 3,
  ...overrides,
});
const inXuhui = { district: '310104' };
const inMinhang = { district: '310112' };

describe('checkEligibility', () => {
  it('passes anyone when the offer sets no rules, residents included', () => {
    expect(checkEligibility(offer(), undefined, inXuhui)).toEqual([]);
    expect(checkEligibility(offer({}), org({ registered: false, grade: null }), inXuhui)).toEqual([]);
  });

  it('fails an organization of another type, naming the allowed types in both languages', () => {
    const rule = { orgTypes: ['social-service', 'social-group'] } as Eligibility;
    expect(checkEligibility(offer(rule), org({ type: 'social-group' }), inXuhui)).toEqual([]);
    expect(checkEligibility(offer(rule), org({ type: 'project-team', registered: false }), inXuhui)).toEqual([
      {
        factor: 'eligibility.orgTypes',
        detail: { 'zh-CN': '仅限社会服务机构、社会团体', en: 'Social service agency and Social group only' },
      },
    ]);
  });

  it('fails an unregistered organization when the offer is for registered ones only', () => {
    const rule = { registeredOnly: true };
    expect(checkEligibility(offer(rule), org(), inXuhui)).toEqual([]);
    expect(checkEligibility(offer(rule), org({ type: 'project-team', registered: false }), inXuhui)).toEqual([
      {
        factor: 'eligibility.registeredOnly',
        detail: { 'zh-CN': '需为已登记社会组织', en: 'Registered social organizations only' },
      },
    ]);
  });

  it('fails a grade below the minimum, and an organization not yet graded', () => {
    const rule = { minGrade: 3 };
    const failure = {
      factor: 'eligibility.minGrade',
      detail: { 'zh-CN': '评估等级需达到3A及以上', en: 'Evaluation grade 3A or above required' },
    };
    expect(checkEligibility(offer(rule), org({ grade: 3 }), inXuhui)).toEqual([]);
    expect(checkEligibility(offer(rule), org({ grade: 5 }), inXuhui)).toEqual([]);
    expect(checkEligibility(offer(rule), org({ grade: 2 }), inXuhui)).toEqual([failure]);
    expect(checkEligibility(offer(rule), org({ grade: null }), inXuhui)).toEqual([failure]);
  });

  it("checks the districts rule against the need's district", () => {
    const rule = { districts: ['310104'] };
    expect(checkEligibility(offer(rule), org(), inXuhui)).toEqual([]);
    expect(checkEligibility(offer(rule), org(), inMinhang)).toEqual([
      { factor: 'eligibility.districts', detail: { 'zh-CN': '仅限徐汇区', en: 'Xuhui District only' } },
    ]);
    const two = checkEligibility(offer({ districts: ['310104', '310105'] }), org(), inMinhang);
    expect(two[0]?.detail).toEqual({
      'zh-CN': '仅限徐汇区、长宁区',
      en: 'Xuhui District and Changning District only',
    });
  });

  it("fails a resident's need on every rule about the organization, but not on the district when it fits", () => {
    const all: Eligibility = {
      orgTypes: ['social-service'],
      registeredOnly: true,
      minGrade: 1,
      districts: ['310104'],
    };
    expect(checkEligibility(offer(all), undefined, inXuhui).map((f) => f.factor)).toEqual([
      'eligibility.orgTypes',
      'eligibility.registeredOnly',
      'eligibility.minGrade',
    ]);
    expect(checkEligibility(offer({ districts: ['310104'] }), undefined, inXuhui)).toEqual([]);
    expect(checkEligibility(offer({ districts: ['310104'] }), undefined, inMinhang)).toHaveLength(1);
  });

  it('lists every rule failed, in the order the rules are listed', () => {
    const failures = checkEligibility(
      offer({ orgTypes: ['foundation'], registeredOnly: true, minGrade: 4, districts: ['310151'] }),
      org({ type: 'project-team', registered: false, grade: null }),
      inXuhui,
    );
    expect(failures.map((f) => f.factor)).toEqual([
      'eligibility.orgTypes',
      'eligibility.registeredOnly',
      'eligibility.minGrade',
      'eligibility.districts',
    ]);
    expect(failures.map((f) => f.detail['zh-CN'])).toEqual([
      '仅限基金会',
      '需为已登记社会组织',
      '评估等级需达到4A及以上',
      '仅限崇明区',
    ]);
  });
});
