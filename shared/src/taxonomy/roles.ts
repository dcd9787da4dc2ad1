import { defineCodeList } from './labelled.js';

/** Who uses the platform (docs/domain.md, "Roles"). */
export const roles = defineCodeList([
  { code: 'resident', zh: '社区居民', en: 'Resident' },
  { code: 'organization', zh: '社会组织', en: 'Social organization' },
  { code: 'funder', zh: '企业 / 基金会', en: 'Enterprise / foundation' },
  { code: 'operator', zh: '培育基地运营方', en: 'Incubation base operator' },
  { code: 'bureau', zh: '民政部门', en: 'Civil affairs bureau' },
]);
export type Role = (typeof roles.codes)[number];
export const roleSchema = roles.schema;

/** Roles anyone may register with; operator and bureau accounts are created by a bureau account. */
export const selfServiceRoles = ['resident', 'organization', 'funder'] as const satisfies readonly Role[];
export const selfServiceRoleSchema = roleSchema.extract(selfServiceRoles);
