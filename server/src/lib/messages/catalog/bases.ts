import type { Locale } from '@app/shared';

/** Messages of the incubation bases: bases, admissions, residencies, statistics, imports. */
export const baseMessages = {
  // bases
  'base.bureauCreates': { 'zh-CN': '只有民政部门可以创建基地', en: 'Only the bureau creates bases' },
  'base.operatorsEditProfile': {
    'zh-CN': '运营方可以编辑本基地的介绍；变更所在区和街道须由民政部门进行',
    en: "A base's operators edit its profile; only the bureau moves it",
  },
  'base.staffEdit': {
    'zh-CN': '只有本基地运营方和民政部门可以编辑基地',
    en: "Only the base's operators and the bureau edit it",
  },
  'base.streetNotInDistrict': { 'zh-CN': '该街道不在所选区内', en: 'The street is not in that district' },
  // admissions
  'admission.membersApply': {
    'zh-CN': '只有机构的成员可以为本机构申请入驻（社会组织和项目团队）',
    en: 'Only a member of the organization applies for it (social organizations and project teams)',
  },
  'admission.alreadyIncubating': {
    'zh-CN': '该机构已在本基地孵化',
    en: 'The organization is already incubating in this base',
  },
  'admission.openApplication': {
    'zh-CN': '该机构向本基地的申请尚在处理中',
    en: 'The organization already has an open application to this base',
  },
  'admission.operatorsPanel': {
    'zh-CN': '只有本基地运营方可以组建评审组',
    en: "Only the base's operators form the panel",
  },
  'admission.panelOnSubmitted': {
    'zh-CN': '只有已提交的申请可以组建评审组',
    en: 'Only a submitted application takes a panel (this one is {status})',
  },
  'admission.reviewersStaff': {
    'zh-CN': '评审人须为运营方或民政部门账号',
    en: 'Reviewers are operator or bureau accounts',
  },
  'admission.panelMeanwhile': {
    'zh-CN': '此申请已不在等待组建评审组，请刷新',
    en: 'The application is no longer waiting for a panel',
  },
  'admission.panelReviews': {
    'zh-CN': '只有评审组成员可以评审此申请',
    en: 'Only the panel reviews this application',
  },
  'admission.notInReview': {
    'zh-CN': '此申请不在评审阶段',
    en: 'The application is not in review (it is {status})',
  },
  'admission.checkScores': { 'zh-CN': '请检查评分：{problems}', en: 'Check the scores: {problems}' },
  'admission.alreadyReviewed': {
    'zh-CN': '您已评审过此申请',
    en: 'You have already reviewed this application',
  },
  'admission.reviewsSeen': {
    'zh-CN': '只有本基地运营方和民政部门可以查看评审',
    en: "Only the base's operators and the bureau see the reviews",
  },
  'admission.operatorsDecide': {
    'zh-CN': '只有本基地运营方可以作出决定',
    en: "Only the base's operators decide",
  },
  'admission.decisionFinal': {
    'zh-CN': '此申请已有决定，决定不可更改',
    en: 'The application has been decided; a decision is final',
  },
  'admission.decideInReview': {
    'zh-CN': '只有评审阶段的申请可以作出决定',
    en: 'Only an application in review is decided (this one is {status})',
  },
  'admission.quorum': {
    'zh-CN': '须有 {quorum} 份有效评审才能决定，目前有 {counted} 份',
    en: 'The quorum is {quorum} counted reviews; {counted} are in',
  },
  'admission.withdrawMembers': {
    'zh-CN': '只有申请机构的成员可以撤回申请',
    en: "Only the applicant's members withdraw it",
  },
  'admission.withdrawOpen': {
    'zh-CN': '只有处理中的申请可以撤回',
    en: 'Only an open application is withdrawn (this one is {status})',
  },
  'admission.listSeen': {
    'zh-CN': '只有本基地运营方和民政部门可以查看申请列表',
    en: "Only the base's operators and the bureau list its applications",
  },
  // residencies
  'residency.operatorsEnd': {
    'zh-CN': '只有本基地运营方可以结束入驻',
    en: "Only the base's operators end a residency",
  },
  'residency.alreadyEnded': {
    'zh-CN': '此入驻已经结束',
    en: 'This residency has already ended ({status})',
  },
  'residency.endedMeanwhile': { 'zh-CN': '此入驻已经结束', en: 'This residency has already ended' },
  // statistics
  'stats.ownBaseOnly': {
    'zh-CN': '运营方只能查看本基地的统计：请指定本基地的 baseId',
    en: 'Operators read the statistics of their own base only: give baseId of your base',
  },
  'stats.emptyPeriod': { 'zh-CN': '所选时段为空', en: 'The period is empty' },
  'stats.periodTooLong': { 'zh-CN': '时段最长 {max} 个月', en: 'A period covers at most {max} months' },
  // imports
  'import.attachTemplate': {
    'zh-CN': '请上传填好的模板文件',
    en: 'Attach the filled-in template as `file`',
  },
  'import.notXlsx': {
    'zh-CN': '文件不是 xlsx 工作簿：请下载模板，填好后上传',
    en: 'The file is not an xlsx workbook: download the template and fill it in',
  },
  'import.noSheet': { 'zh-CN': '工作簿中没有工作表', en: 'The workbook has no sheet' },
  'import.missingColumns': {
    'zh-CN': '工作表缺少必填的列：{columns}',
    en: 'The sheet lacks required columns: {columns}',
  },
  'import.tooManyRows': {
    'zh-CN': '一次最多导入 {max} 行，此表有 {rows} 行',
    en: 'One import takes at most {max} rows; this sheet has {rows}',
  },
  // the reasons an import report gives a rejected row
  'import.rowProblems': { 'zh-CN': '{first}（另有 {others}）', en: '{first} (also {others})' },
  'import.outsideBaseArea': { 'zh-CN': '不在本基地的属地范围内', en: "outside your base's area" },
  'import.creditCodeTaken': {
    'zh-CN': '该统一社会信用代码已在平台登记',
    en: 'already registered on the platform',
  },
  'import.creditCodeTwice': {
    'zh-CN': '该统一社会信用代码在本表中出现了两次',
    en: 'appears twice in this sheet',
  },
  'import.noSuchOrganization': {
    'zh-CN': '平台上没有使用此统一社会信用代码的机构',
    en: 'no organization on the platform has this credit code',
  },
  'import.notLookedAfter': {
    'zh-CN': '不是本基地服务的机构',
    en: 'not an organization your base looks after',
  },
  'import.notImported': { 'zh-CN': '写入时出错，未导入', en: 'not imported' },
  // the words of one field (error details)
  'field.streetNotInDistrict': { 'zh-CN': '该街道不在所选区内', en: 'the street is not in that district' },
  'field.afterFrom': { 'zh-CN': '须晚于开始日期', en: 'must be after from' },
  'field.tooEarly': { 'zh-CN': '太早', en: 'too early' },
  'field.notStaff': { 'zh-CN': '不是工作人员账号：{ids}', en: 'not a staff account: {ids}' },
  'field.unknownCriterion': {
    'zh-CN': '「{key}」不是评审标准中的一项',
    en: '{key} is not a criterion of the rubric',
  },
  'field.missingScore': { 'zh-CN': '「{key}」尚未评分', en: '{key} is not scored' },
  'field.scoreRange': { 'zh-CN': '「{key}」须在 0 到 {max} 之间', en: '{key} must be between 0 and {max}' },
  'field.quorum': {
    'zh-CN': '未达到 {quorum} 份有效评审（已有 {counted} 份）',
    en: 'quorum {quorum} not reached ({counted} counted)',
  },
  'field.notXlsx': { 'zh-CN': '不是 xlsx 工作簿', en: 'not an xlsx workbook' },
  'field.noSheet': { 'zh-CN': '没有工作表', en: 'no sheet' },
  'field.columnMissing': { 'zh-CN': '第 1 行缺少此列', en: 'column missing from row 1' },
  'field.tooManyRows': { 'zh-CN': '超过 {max} 行', en: 'more than {max} rows' },
} as const satisfies Record<string, Record<Locale, string>>;
