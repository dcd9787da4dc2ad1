import { defineCodeList, type Labelled } from './labelled.js';

/** A service domain (服务领域); `priority` marks the policy's five priority domains (§三(四)). */
export interface DomainItem extends Labelled {
  readonly priority: boolean;
}

export const domains = defineCodeList([
  { code: 'elderly', zh: '养老服务', en: 'Elderly care', priority: true },
  { code: 'disability', zh: '助残服务', en: 'Disability support', priority: true },
  { code: 'child-welfare', zh: '儿童福利', en: 'Child welfare', priority: true },
  { code: 'minor-protection', zh: '未成年人保护', en: 'Protection of minors', priority: true },
  { code: 'mental-health', zh: '心理健康', en: 'Mental health', priority: true },
  { code: 'community-governance', zh: '社区治理', en: 'Community governance', priority: false },
  { code: 'social-assistance', zh: '社会救助', en: 'Social assistance', priority: false },
  { code: 'volunteering', zh: '志愿服务', en: 'Volunteering', priority: false },
  { code: 'education', zh: '教育与青少年发展', en: 'Education and youth development', priority: false },
  { code: 'health', zh: '医疗健康', en: 'Health care', priority: false },
  { code: 'environment', zh: '环境保护', en: 'Environmental protection', priority: false },
  { code: 'culture-sports', zh: '文化体育', en: 'Culture and sports', priority: false },
  { code: 'legal-aid', zh: '法律援助', en: 'Legal aid', priority: false },
  { code: 'employment', zh: '就业创业', en: 'Employment and entrepreneurship', priority: false },
  { code: 'women-family', zh: '妇女与家庭', en: 'Women and family', priority: false },
  { code: 'emergency', zh: '应急与防灾', en: 'Emergency and disaster prevention', priority: false },
] as const satisfies readonly DomainItem[]);
export type Domain = (typeof domains.codes)[number];
export const domainSchema = domains.schema;

/** The five priority domains, which ranking and reporting favour. */
export const priorityDomains: readonly Domain[] = domains.items.filter((d) => d.priority).map((d) => d.code);

export function isPriorityDomain(code: string): boolean {
  return domains.find(code)?.priority === true;
}
