/** Titles and core sentences of offers (资源), one set per sub-kind. */
import type { Subkind } from '@app/shared';
import { roadNames } from '../vocabulary/names.js';
import {
  capacityTopics,
  facilities,
  quantityUnits,
  seasons,
  spaceNames,
  volunteerSources,
} from '../vocabulary/phrases.js';
import { legalAid } from '../vocabulary/otherDomains.js';
import { dayText, shanghaiDate } from './format.js';
import type { Line, SubkindTexts } from './needs.js';
import { serviceWord, type Slots } from './slots.js';

/** Who gives legal help: a law firm's own lawyers, a company's legal team, or lawyers an organization works with. */
const lawyers = (s: Slots) =>
  s.owner?.name.endsWith('律师事务所')
    ? '本所律师'
    : s.owner?.type === 'enterprise'
      ? '公司法务团队'
      : '合作律师团队';
const address = (s: Slots) => `${s.district.zh}${s.r.pick(roadNames)}${s.r.int(1, 1200)}号`;
const year = (s: Slots) => (s.startsAt ? shanghaiDate(s.startsAt).y : 2026);
const hours = (s: Slots) => s.r.int(2, 16);
const area = (s: Slots) => s.r.int(3, 40) * 10;
const amountMax = (s: Slots) =>
  s.amount?.max !== undefined ? s.amountText.replace(/^.*-/, '最高') : s.amountText;
const facilityList = (s: Slots) => s.r.sample(facilities, s.r.int(2, 4)).join('、');

/** The company voice for enterprises, the foundation voice for foundations, a generic one otherwise. */
const giver: Line = (s) =>
  s.owner?.type === 'foundation' ? '基金会' : s.owner?.type === 'enterprise' ? '公司' : '我们';

export const offerTexts: Readonly<Record<Subkind, SubkindTexts>> = {
  grant: {
    titles: [
      (s) => `${year(s)}年度${s.domainLabel}公益项目资助`,
      (s) => `${s.brand}公益创投：${s.who}${s.service}方向`,
      (s) => `${s.domainLabel}项目资助（${amountMax(s)}）`,
      (s) => `${s.district.shortZh}社区公益微创投`,
      (s) => `${s.project}专项资助计划`,
    ],
    bodies: [
      (s) =>
        `${s.self}设立${s.project}专项，${year(s)}年度计划资助${s.r.int(3, 20)}个${s.domainLabel}领域的公益项目，单个项目资助${s.amountText}，重点支持面向${s.who}的${s.service}等服务。`,
      (s) =>
        `本期公益创投聚焦${s.domainLabel}，面向在${s.district.zh}开展服务的社会组织征集项目，每个项目资助${s.amountText}。优先支持服务${s.who}、模式可复制的创新项目。`,
    ],
  },
  subsidy: {
    titles: [
      () => `社区自治项目小额补贴`,
      (s) => `${s.service}活动小额补贴申请`,
      () => `居民自治团队活动经费补贴`,
    ],
    bodies: [
      (s) =>
        `为鼓励居民自发组织${s.domainLabel}类活动，对${s.place}的居民自治团队和社区社会组织给予每项${s.amountText}的小额补贴，可用于活动物料、场地和宣传。`,
      (s) =>
        `${giver(s)}每季度评选一批${s.service}等社区微项目，每个补贴${s.amountText}，申请表一页纸即可，十个工作日内答复。`,
    ],
  },
  loan: {
    titles: [
      () => `社会组织无息周转借款`,
      (s) => `公益机构低息贷款（${amountMax(s)}）`,
      () => `社会企业低息借款支持`,
    ],
    bodies: [
      (s) =>
        `针对社会组织承接政府购买服务回款周期长的问题，提供${s.amountText}的无息周转借款，期限不超过12个月，凭购买服务合同申请。`,
      (s) =>
        `面向${s.domainLabel}领域的社会企业和社会组织提供${s.amountText}的低息贷款，年利率不高于2%，可用于服务点建设和设备购置。`,
    ],
  },
  'admin-funding': {
    titles: [
      () => `初创社会组织行政经费资助`,
      () => `社会组织人员及运营经费支持计划`,
      (s) => `${s.brand}机构发展基金`,
    ],
    bodies: [
      (s) =>
        `支持成立三年以内的社会组织覆盖房租、行政人员工资等非项目成本，每家资助${s.amountText}，分两期拨付，同时配套一次财务管理培训。`,
      (s) =>
        `${s.self}愿意为${s.domainLabel}领域表现突出的机构提供不限定用途的运营经费${s.amountText}，帮助机构留住骨干员工。`,
    ],
  },
  donation: {
    titles: [
      (s) => `${s.brand}定向捐赠：${s.who}${s.service}`,
      (s) => `企业年度公益捐赠（${s.domainLabel}）`,
      (s) => `爱心捐款支持${s.who}`,
    ],
    bodies: [
      (s) =>
        `${s.self}计划拿出${s.amountText}用于${s.domainLabel}领域的定向捐赠，优先支持为${s.who}提供${s.service}的项目，捐赠款可开具公益事业捐赠票据。`,
      (s) =>
        `${giver(s)}员工发起的爱心募捐已筹得${s.amountText}，希望交给一家专业的社会组织用于${s.who}${s.service}。`,
    ],
  },
  office: {
    titles: [
      (s) => `${s.area}共享办公工位免费提供`,
      (s) => `孵化空间办公工位开放申请（${s.n}个）`,
      (s) => `${s.district.shortZh}低价办公空间提供给公益机构`,
    ],
    bodies: [
      (s) =>
        `位于${address(s)}的${s.r.pick(spaceNames)}有${s.n}个办公工位，配有${facilityList(s)}，面向${s.domainLabel}等领域的社会组织免费或低价提供，入驻期一年。`,
      (s) =>
        `公司搬迁后空出一层办公区，可供${s.n}人办公，愿意以象征性租金提供给公益机构使用，地址在${s.place}。`,
    ],
  },
  'meeting-room': {
    titles: [
      (s) => `会议室公益开放（可容纳${s.n}人）`,
      (s) => `${s.district.shortZh}会议室免费借用`,
      (s) => `${s.when}会议室空闲可借用`,
    ],
    bodies: [
      (s) =>
        `我们位于${address(s)}的会议室可容纳${s.n}人，配有${facilityList(s)}，${s.when}通常空闲，社会组织开会、培训可免费预约。`,
    ],
  },
  'event-space': {
    titles: [
      (s) => `${s.area}${area(s)}平米活动场地免费借用`,
      () => `社区活动室开放预约`,
      (s) => `可借用场地举办${s.use}等公益活动`,
    ],
    bodies: [
      (s) =>
        `${s.r.pick(spaceNames)}面积约${area(s)}平方米，可容纳${s.n}人，有${facilityList(s)}，适合举办${s.use}等活动，地址：${address(s)}。`,
      (s) =>
        `${s.place}的活动室${s.when}对公益团队开放，最多${s.n}人，请至少提前一周预约，活动结束后恢复原样即可。`,
    ],
  },
  exhibition: {
    titles: [
      () => `公益成果展示空间开放申请`,
      (s) => `${s.district.shortZh}商场展示区免费提供公益展览`,
      () => `展厅可借用举办公益展`,
    ],
    bodies: [
      (s) =>
        `${s.r.pick(spaceNames)}有一处约${area(s)}平方米的展示空间，可用于公益项目成果展、${s.who}作品展等，每期展出1至4周，日均参观约${s.r.int(1, 20) * 100}人次。`,
    ],
  },
  volunteer: {
    titles: [
      (s) => `${s.brand}志愿者团队可承接${s.task}`,
      (s) => `大学生志愿服务队对接${s.service}项目`,
      (s) => `${s.n}人志愿者团队可提供${s.task}`,
      (s) => (s.role === 'resident' ? `退休居民愿意${s.task}` : `员工志愿者结对${s.domainLabel}项目`),
    ],
    bodies: [
      (s) =>
        s.role === 'resident'
          ? `我退休了，身体还不错，${s.when}有空，住在${s.area}附近，可以为${s.who}${s.task}，不要报酬。`
          : `我们有一支${s.n}人的志愿者队伍，成员多为${s.r.pick(volunteerSources)}，${s.when}可以参与${s.task}等服务，希望与有需要的社区和社会组织长期结对。`,
      (s) =>
        s.role === 'resident'
          ? `楼里几位邻居都愿意做志愿者，一共${Math.min(s.n, 8)}个人，${s.when}可以帮忙${s.task}。`
          : `${s.self}每年组织员工志愿服务日，今年计划服务${s.domainLabel}领域，可出动${s.n}名志愿者，参与${s.task}，需要合作机构提供前期培训。`,
    ],
  },
  'pro-bono': {
    titles: [
      (s) => `${s.profession}公益服务（每月${hours(s)}小时）`,
      (s) => `${s.profession}志愿提供专业支持`,
      (s) => `${s.profession}团队为${s.who}提供公益服务`,
    ],
    bodies: [
      (s) =>
        s.role === 'resident'
          ? `本人是${s.profession}，从业十多年，${s.when}可以为${s.who}或服务他们的机构提供专业咨询，线上线下均可。`
          : `${s.self}有${s.n}位${s.profession}愿意以公益方式参与${s.domainLabel}领域的服务，每人每月可投入${hours(s)}小时，可提供${s.service}、专题讲座和个案咨询。`,
    ],
  },
  mentor: {
    titles: [
      () => `资深公益人导师陪伴计划`,
      (s) => `${s.topic}导师一对一辅导`,
      () => `企业高管结对社会组织负责人`,
    ],
    bodies: [
      (s) =>
        `导师团由${s.n}位在${s.topic}方面有十年以上经验的公益人和企业高管组成，为初创社会组织负责人提供为期半年的一对一陪伴辅导，每月一次面谈。`,
      (s) =>
        s.role === 'resident'
          ? `本人在${s.r.pick(capacityTopics)}方面有多年经验，愿意担任${s.domainLabel}领域一家初创机构的导师，${s.when}可以见面交流。`
          : `${s.self}的项目官员在${s.r.pick(capacityTopics)}方面有多年经验，愿意陪伴${s.domainLabel}领域的初创机构成长，${s.when}可以见面交流。`,
    ],
  },
  staff: {
    titles: [(s) => `${s.subject}人才推荐`, () => `高校社工专业实习生输送`, () => `持证社工人才推荐`],
    bodies: [
      (s) =>
        `我们与高校和人才市场合作，可为社会组织推荐${s.subject}，目前有${s.n}名候选人，多数持有社会工作者职业水平证书，可安排面试。`,
    ],
  },
  registration: {
    titles: [
      () => `社会组织登记注册一对一辅导`,
      () => `社区社会组织备案及登记指导`,
      () => `项目团队注册前辅导（免费）`,
    ],
    bodies: [
      (s) =>
        `为筹备中的团队提供注册${s.subject}的全流程辅导，包括名称核准、章程起草、业务主管单位沟通和材料准备，平均${s.r.int(2, 8)}周内完成材料准备。`,
    ],
  },
  policy: {
    titles: [
      (s) => `${s.subject}政策解读与咨询`,
      () => `社会组织政策咨询服务`,
      (s) => `${s.subject}申报辅导`,
    ],
    bodies: [
      (s) =>
        `我们定期整理市、区两级关于${s.subject}的最新政策，为社会组织提供一对一解读和申报辅导，${s.when}在${s.place}现场答疑。`,
    ],
  },
  legal: {
    titles: [
      () => `免费法律咨询与合同审核`,
      (s) => `${s.subject}公益法律服务`,
      (s) => `律师驻点${s.area}提供法律咨询`,
    ],
    bodies: [
      (s) =>
        `${lawyers(s)}为社会组织提供${s.subject}等法律服务，也为居民提供${s.r.pick(legalAid.services)}。${s.when}驻点${s.place}，其余时间可线上预约。`,
    ],
  },
  finance: {
    titles: [
      () => `小微社会组织财务托管服务`,
      (s) => `${s.subject}公益服务`,
      () => `社会组织代理记账（优惠价）`,
    ],
    bodies: [
      (s) =>
        `为年收入在${s.r.int(2, 20) * 10}万元以下的社会组织提供${s.subject}，${s.amountText ? `收费${s.amountText}/年` : '费用全免'}，并可协助完成年检年报中的财务部分。`,
    ],
  },
  training: {
    titles: [
      (s) => `${s.topic}能力建设培训（${s.n}人）`,
      (s) => `社会组织${s.topic}工作坊`,
      (s) => `${year(s)}年社工能力提升系列课程`,
    ],
    bodies: [
      (s) =>
        `培训围绕${s.topic}展开，采用讲授、案例研讨和现场实操相结合的方式，共${s.r.int(2, 8)}次课，每次3小时，名额${s.n}人，完成全部课程可获结业证书。`,
      (s) =>
        `${s.startsAt ? dayText(s.startsAt) : '下月'}起在${s.place}开设${s.topic}工作坊，由资深督导授课，${s.when}上课，限${s.n}人。`,
    ],
  },
  evaluation: {
    titles: [() => `社会组织等级评估辅导`, () => `公益项目第三方评估`, (s) => `${s.subject}服务`],
    bodies: [
      (s) =>
        `评估团队由高校学者和资深评估师组成，可为社会组织提供${s.subject}，包括指标解读、材料梳理和模拟评估，已服务${s.r.int(10, 200)}家机构。`,
    ],
  },
  publicity: {
    titles: [
      () => `公益项目拍摄与宣传推广`,
      (s) => `免费为公益机构制作${s.subject}`,
      () => `媒体资源支持公益传播`,
    ],
    bodies: [
      (s) =>
        `团队擅长${s.subject}，每季度可为${s.r.int(2, 10)}家社会组织免费提供宣传支持，帮助优秀的${s.domainLabel}项目被更多人看到。`,
    ],
  },
  'community-service': {
    titles: [
      (s) => `${s.who}${serviceWord(s.service)}`,
      (s) => `为${s.area}${s.who}提供${s.service}`,
      (s) => `${s.project}：${s.service}开放报名`,
      (s) => `${s.service}（${s.district.shortZh}，免费）`,
    ],
    bodies: [
      (s) =>
        `${s.self}长期在${s.place}为${s.who}提供${s.service}，${s.when}开展服务，目前还有${s.n}个名额。服务免费，有需要的家庭或居委会可直接联系我们。`,
      (s) =>
        `${s.project}由专业社工带领，为${s.who}提供${s.service}，每期服务${s.n}人，覆盖${s.district.zh}各街镇，可与居委会合作开展。`,
    ],
  },
  equipment: {
    titles: [
      (s) => `${s.item}捐赠（${s.n}${s.r.pick(quantityUnits)}）`,
      (s) => `闲置${s.item}免费送给公益机构`,
      (s) => `${s.brand}捐赠${s.item}`,
    ],
    bodies: [
      (s) =>
        `${s.self}有一批九成新的${s.item}共${s.n}${s.r.pick(quantityUnits)}，可无偿捐赠给服务${s.who}的社会组织或社区，需自行上门搬运。`,
    ],
  },
  supplies: {
    titles: [
      (s) => `${s.item}爱心捐赠`,
      (s) => `为${s.who}捐赠${s.item}`,
      (s) => `${s.r.pick(seasons)}物资捐赠：${s.item}`,
    ],
    bodies: [
      (s) =>
        `我们可以定向捐赠${s.item}约${s.n}份，优先提供给服务${s.who}的机构，可送货到${s.district.zh}范围内。`,
    ],
  },
};
