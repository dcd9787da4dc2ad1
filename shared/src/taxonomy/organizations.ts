import { defineCodeList } from './labelled.js';

/** Organization types; `enterprise` is for funders that are companies. */
export const orgTypes = defineCodeList([
  { code: 'social-group', zh: '社会团体', en: 'Social group' },
  { code: 'social-service', zh: '社会服务机构', en: 'Social service agency' },
  { code: 'foundation', zh: '基金会', en: 'Foundation' },
  { code: 'project-team', zh: '项目团队', en: 'Project team (not yet registered)' },
  { code: 'enterprise', zh: '企业', en: 'Enterprise' },
]);
export type OrgType = (typeof orgTypes.codes)[number];
export const orgTypeSchema = orgTypes.schema;

/** Where an organization stands with the registration authority. */
export const registrationStatuses = defineCodeList([
  { code: 'unregistered', zh: '未登记', en: 'Not registered' },
  { code: 'preparing', zh: '筹备中', en: 'In preparation' },
  { code: 'registered', zh: '已登记', en: 'Registered' },
  { code: 'deregistered', zh: '已注销', en: 'Deregistered' },
  { code: 'revoked', zh: '已撤销登记', en: 'Registration revoked' },
]);
export type RegistrationStatus = (typeof registrationStatuses.codes)[number];
export const registrationStatusSchema = registrationStatuses.schema;

/** 社会组织评估等级: 1A (lowest) to 5A; an organization not yet evaluated has none. */
export const evaluationGrades = defineCodeList([
  { code: '1A', zh: '1A级', en: 'Grade 1A', value: 1 },
  { code: '2A', zh: '2A级', en: 'Grade 2A', value: 2 },
  { code: '3A', zh: '3A级', en: 'Grade 3A', value: 3 },
  { code: '4A', zh: '4A级', en: 'Grade 4A', value: 4 },
  { code: '5A', zh: '5A级', en: 'Grade 5A', value: 5 },
]);
export type EvaluationGrade = (typeof evaluationGrades.codes)[number];
export const evaluationGradeSchema = evaluationGrades.schema;

/** The grade as a number 1-5 (eligibility rules compare `minGrade` against it); 0 when ungraded. */
export function gradeValue(grade: EvaluationGrade | null | undefined): number {
  return grade ? evaluationGrades.get(grade).value : 0;
}

/** The grade code for a number 1-5. */
export function gradeOfValue(value: number): EvaluationGrade | undefined {
  return evaluationGrades.items.find((g) => g.value === value)?.code;
}
