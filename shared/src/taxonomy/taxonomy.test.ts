import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  baseLevels,
  domainSchema,
  domains,
  evaluationGrades,
  gradeOfValue,
  gradeValue,
  isPriorityDomain,
  isSubkindOfKind,
  kindSchema,
  kinds,
  labelOf,
  listingStatuses,
  orgTypes,
  priorityDomains,
  registrationStatuses,
  roles,
  selfServiceRoleSchema,
  sides,
  subkinds,
  subkindsOf,
  defineCodeList,
} from '../index.js';
import type { Domain, Kind, Side } from '../index.js';

const families = {
  roles,
  sides,
  kinds,
  subkinds,
  domains,
  orgTypes,
  baseLevels,
  registrationStatuses,
  evaluationGrades,
  listingStatuses,
};

describe('taxonomy code lists', () => {
  for (const [name, list] of Object.entries(families)) {
    it(`${name}: every code has a Chinese and an English label, and codes are unique`, () => {
      expect(list.items.length).toBeGreaterThan(0);
      expect(new Set(list.codes).size).toBe(list.codes.length);
      for (const item of list.items) {
        expect(item.code).toMatch(/^[a-z0-9A-Z-]+$/);
        expect(item.zh).toMatch(/\p{Script=Han}/u);
        expect(item.en).toMatch(/^[A-Z0-9]/);
        expect(list.label(item.code as never, 'zh-CN')).toBe(item.zh);
        expect(list.label(item.code as never, 'en')).toBe(item.en);
        expect(list.schema.safeParse(item.code).success).toBe(true);
      }
      expect(list.schema.safeParse('no-such-code').success).toBe(false);
    });
  }

  it('types codes as literal unions, not plain strings', () => {
    expectTypeOf<Kind>().toEqualTypeOf<'funding' | 'venue' | 'talent' | 'service' | 'goods'>();
    expectTypeOf<Side>().toEqualTypeOf<'offer' | 'need'>();
    expectTypeOf<Domain>().not.toEqualTypeOf<string>();
    expectTypeOf(kindSchema.parse('venue')).toEqualTypeOf<Kind>();
  });

  it('labels default to Chinese', () => {
    expect(kinds.label('venue')).toBe('场地');
    expect(labelOf(kinds.get('venue'))).toBe('场地');
    expect(labelOf(kinds.get('venue'), 'en')).toBe('Venue');
  });

  it('has the glossary of docs/domain.md', () => {
    expect(sides.codes).toEqual(['offer', 'need']);
    expect(sides.label('offer')).toBe('资源');
    expect(sides.label('need')).toBe('需求');
    expect(kinds.codes).toEqual(['funding', 'venue', 'talent', 'service', 'goods']);
    expect(roles.codes).toEqual(['resident', 'organization', 'funder', 'operator', 'bureau']);
    expect(orgTypes.codes).toEqual([
      'social-group',
      'social-service',
      'foundation',
      'project-team',
      'enterprise',
    ]);
    expect(baseLevels.codes).toEqual(['city', 'district', 'street']);
    expect(evaluationGrades.codes).toEqual(['1A', '2A', '3A', '4A', '5A']);
    expect(domains.codes).toHaveLength(16);
    expect(subkinds.codes).toHaveLength(23);
  });

  it('rejects a list with a duplicate code or a missing label at load time', () => {
    expect(() =>
      defineCodeList([
        { code: 'a', zh: '甲', en: 'A' },
        { code: 'a', zh: '乙', en: 'B' },
      ]),
    ).toThrow(/duplicate/);
    expect(() => defineCodeList([{ code: 'a', zh: ' ', en: 'A' }])).toThrow(/missing label/);
  });
});

describe('sub-kinds', () => {
  it('each belongs to a known kind, and every kind has some', () => {
    for (const s of subkinds.items) expect(kinds.has(s.kind)).toBe(true);
    for (const k of kinds.codes) expect(subkindsOf(k).length).toBeGreaterThan(0);
    expect(subkindsOf('venue').map((s) => s.code)).toEqual([
      'office',
      'meeting-room',
      'event-space',
      'exhibition',
    ]);
  });

  it('answers whether a sub-kind belongs to a kind', () => {
    expect(isSubkindOfKind('meeting-room', 'venue')).toBe(true);
    expect(isSubkindOfKind('meeting-room', 'funding')).toBe(false);
    expect(isSubkindOfKind('nonsense', 'venue')).toBe(false);
  });
});

describe('domains', () => {
  it('marks exactly the five priority domains of §三(四)', () => {
    expect(priorityDomains).toEqual([
      'elderly',
      'disability',
      'child-welfare',
      'minor-protection',
      'mental-health',
    ]);
    expect(isPriorityDomain('elderly')).toBe(true);
    expect(isPriorityDomain('environment')).toBe(false);
    expect(isPriorityDomain('unknown')).toBe(false);
  });

  it('zod enums accept codes and nothing else', () => {
    expect(domainSchema.parse('mental-health')).toBe('mental-health');
    expect(domainSchema.safeParse('Mental-Health').success).toBe(false);
    expect(kindSchema.safeParse('场地').success).toBe(false);
  });
});

describe('roles and grades', () => {
  it('lets anyone register only as resident, organization or funder', () => {
    expect(selfServiceRoleSchema.safeParse('resident').success).toBe(true);
    expect(selfServiceRoleSchema.safeParse('bureau').success).toBe(false);
    expect(selfServiceRoleSchema.safeParse('operator').success).toBe(false);
  });

  it('turns grades into numbers and back', () => {
    expect(gradeValue('3A')).toBe(3);
    expect(gradeValue(undefined)).toBe(0);
    expect(gradeOfValue(5)).toBe('5A');
    expect(gradeOfValue(6)).toBeUndefined();
  });
});
