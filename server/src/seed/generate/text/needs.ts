/** Titles and core sentences of needs (需求), one set per sub-kind. */
import type { Subkind } from '@app/shared';
import {
  capacityTopics,
  proBonoTasks,
  quantityUnits,
  residentLegalTroubles,
  seasons,
  staffRequirements,
} from '../vocabulary/phrases.js';
import { dayText, monthText } from './format.js';
import { serviceWord, type Slots } from './slots.js';

export type Line = (s: Slots) => string;
export interface SubkindTexts {
  readonly titles: readonly Line[];
  readonly bodies: readonly Line[];
}

/** Domains whose people may live in the poster's own home (为家中老人…). */
const FAMILY_DOMAINS = new Set(['elderly', 'disability', 'child-welfare']);
const situation = (s: Slots) => s.r.pick(s.words.situations);
const served = (s: Slots) => s.r.int(3, 50) * 10;
const dateOr = (s: Slots, fallback: string) => (s.startsAt ? dayText(s.startsAt) : fallback);
const fromMonth = (s: Slots) => (s.startsAt ? `${monthText(s.startsAt)}起` : '近期');

export const needTexts: Readonly<Record<Subkind, SubkindTexts>> = {
  grant: {
    titles: [
      (s) => `${s.project}项目寻求资助`,
      (s) => `为${s.who}${s.service}项目申请资助`,
      (s) => `${s.district.shortZh}${s.who}${s.service}项目寻找资助方`,
      (s) => `${s.domainLabel}项目募集资金：${s.service}`,
      (s) => `${s.service}项目资金缺口${s.amountText}`,
    ],
    bodies: [
      (s) =>
        `我们在${s.place}开展${s.project}项目，主要为${s.who}提供${s.service}，已累计服务${served(s)}人次。原有资助即将到期，项目后续运营还缺少${s.amountText}，主要用于人员补贴、活动物料和场地费用。`,
      (s) =>
        `${situation(s)}。我们计划为${s.who}开展${s.service}，预计覆盖${served(s)}名服务对象，项目预算${s.amountText}，希望寻找认同我们理念的企业或基金会给予资助。`,
      (s) =>
        `${s.project}是我们在${s.area}试点的${s.domainLabel}项目，${s.when}为${s.who}提供${s.service}。为扩大服务范围，申请资助${s.amountText}，我们会按季度提交项目进展和财务报告。`,
    ],
  },
  subsidy: {
    titles: [
      (s) => `${s.use}活动经费小额资助`,
      () => `居民自治小组申请小额补贴`,
      (s) => `${s.service}活动物料补贴`,
      (s) => `${s.compound}${s.service}需要一点活动经费`,
    ],
    bodies: [
      (s) =>
        `我们是${s.compound}的居民自治小组，现有成员${s.r.int(6, 40)}人，${s.when}组织${s.service}。活动需要购买物料、印制宣传品，预计需要${s.amountText}，希望能申请小额补贴。`,
      (s) =>
        `${s.use}已经坚持办了${s.r.int(1, 6)}年，参加的${s.who}越来越多，原来大家自掏腰包的方式难以为继，希望申请${s.amountText}的活动补贴。`,
    ],
  },
  loan: {
    titles: [
      () => `机构周转资金无息贷款需求`,
      () => `政府购买服务回款前的低息周转贷款`,
      (s) => `扩大${serviceWord(s.service)}申请低息贷款`,
    ],
    bodies: [
      (s) =>
        `本机构承接的政府购买服务项目按季度拨款，回款周期较长，期间需要垫付人员工资和活动成本约${s.amountText}，希望获得无息或低息周转贷款，项目款到账后即可归还。`,
      (s) =>
        `机构计划在${s.area}新开一个${serviceWord(s.service)}点，前期装修和设备投入约${s.amountText}，希望获得低息贷款，预计两年内用服务收入还清。`,
    ],
  },
  'admin-funding': {
    titles: [() => `初创机构行政经费支持`, () => `机构日常运营经费缺口`, () => `专职人员经费资助需求`],
    bodies: [
      (s) =>
        `机构成立不久，项目资金大多专款专用，房租、水电和行政人员工资缺少来源。希望获得${s.amountText}左右的行政经费资助，支持机构度过起步阶段。`,
      (s) =>
        `我们目前有${s.r.int(2, 9)}名专职人员，项目经费不能列支管理费用，行政开支每年缺口约${s.amountText}，希望有资助方支持机构的能力建设与日常运营。`,
    ],
  },
  donation: {
    titles: [(s) => `为${s.who}募集善款`, (s) => `${s.project}爱心募捐`, (s) => `${s.who}${s.service}募捐`],
    bodies: [
      (s) =>
        `${situation(s)}。我们希望通过募集善款为${s.who}提供${s.service}，每人每月约需${s.r.int(2, 30) * 50}元，目标募集${s.amountText}。善款使用情况将定期公开。`,
      (s) =>
        `${s.project}目前已帮助${served(s)}位${s.who}。为让项目持续下去，我们面向社会募集${s.amountText}，所有支出都会在公众号上公示。`,
    ],
  },
  office: {
    titles: [
      (s) => `寻找${s.district.shortZh}${s.n}个工位的办公场地`,
      () => `初创社会组织求低价办公空间`,
      (s) => `求入驻${s.district.shortZh}社会组织孵化基地`,
    ],
    bodies: [
      (s) =>
        `机构现有专职人员${s.n}人，原办公地点租约到期，希望在${s.place}附近找到可容纳${s.n}人办公的场地，最好能共享会议室和网络${s.amountText ? `，租金每月${s.amountText}以内` : ''}。`,
      (s) =>
        `我们是一家刚注册的${s.domainLabel}类机构，${s.n}名工作人员目前借用居委会的空房间办公，希望申请入驻孵化基地，获得工位和专业支持。`,
    ],
  },
  'meeting-room': {
    titles: [
      (s) => `${s.when}借用会议室开展${s.use}`,
      (s) => (s.domain === 'community-governance' ? `社区议事会需要会议场地` : `${s.use}需要会议场地`),
      (s) => `借用可容纳${s.n}人的会议室`,
    ],
    bodies: [
      (s) =>
        `我们${s.when}要开展${s.use}，每次约${s.n}人参加，时长两小时左右，需要投影和桌椅，希望借用${s.place}附近的会议室。`,
      (s) =>
        `${situation(s)}。我们想定期组织${s.use}，每次${s.n}人左右，希望每月能借到一次固定的会议室，离${s.compound}近一点最好。`,
    ],
  },
  'event-space': {
    titles: [
      (s) => `${s.use}活动场地需求`,
      (s) => `${s.district.shortZh}寻找${s.n}人活动场地`,
      (s) => `求借场地举办${s.use}`,
    ],
    bodies: [
      (s) =>
        `计划于${dateOr(s, '近期')}在${s.place}举办${s.use}，预计参加人数${s.n}人左右，需要有桌椅、音响，最好有无障碍通道的室内场地，借用半天即可。`,
      (s) =>
        `${s.use}每次有${s.n}位左右的${s.who}参加，原来的活动室装修停用了，急需一个${s.area}附近的替代场地，${s.when}使用。`,
    ],
  },
  exhibition: {
    titles: [
      () => `公益成果展示空间需求`,
      (s) => `${s.project}成果展借用展示空间`,
      (s) => `求借展览场地展示${s.who}作品`,
    ],
    bodies: [
      (s) =>
        `为展示${s.project}项目一年来的成果和${s.who}的作品，我们想在${dateOr(s, '年底')}前后举办一次为期${s.r.int(3, 14)}天的小型展览，需要${s.r.int(3, 20) * 10}平方米左右的展示空间。`,
    ],
  },
  volunteer: {
    titles: [
      (s) => `招募${s.task}志愿者`,
      (s) => `${s.who}${s.task}志愿者招募`,
      (s) => `${s.project}招募志愿者${s.n}名`,
      (s) => `${s.area}需要${s.task}志愿者`,
      (s) => `${s.when}${s.task}，需要志愿者`,
    ],
    bodies: [
      (s) =>
        s.role === 'resident'
          ? `${situation(s)}。希望能有志愿者${s.when}来帮忙${s.task}，每周一次也好，我们可以提供茶水。`
          : `${s.project}项目为${s.place}的${s.who}提供${s.service}，现招募志愿者${s.n}名，主要负责${s.task}。服务时间为${s.when}，每次2-3小时。我们提供岗前培训、志愿者保险和服务时长记录。要求有耐心、有责任心，能连续服务三个月以上者优先。`,
      (s) =>
        `${s.area}有不少${s.who}需要${s.service}，我们人手不够，想招${s.n}位志愿者帮忙${s.task}。时间：${s.when}。大学生、退休居民都欢迎。`,
    ],
  },
  'pro-bono': {
    titles: [
      (s) => `寻求${s.profession}专业志愿者`,
      (s) => `需要${s.profession}提供公益支持`,
      (s) => `${s.service}项目招募${s.profession}志愿者`,
    ],
    bodies: [
      (s) =>
        `项目在开展${s.service}的过程中需要${s.profession}的专业支持，例如${s.r.pick(proBonoTasks)}。希望找到愿意每月投入${s.r.int(2, 12)}小时的${s.profession}，线上线下均可。`,
      (s) =>
        s.role === 'resident'
          ? `${situation(s)}。想找一位${s.profession}帮忙出出主意，${s.when}方便，线上也可以。`
          : `我们服务的${s.who}常常需要专业意见，社工无法替代${s.profession}的作用。诚邀${s.profession}以志愿者身份${s.r.pick(proBonoTasks)}，${s.when}到${s.area}服务点。`,
    ],
  },
  mentor: {
    titles: [
      (s) => `寻找${s.topic}方向的导师`,
      () => `初创机构求一位公益导师`,
      (s) => `求${s.topic}陪伴式辅导`,
    ],
    bodies: [
      (s) =>
        `机构成立${s.r.int(1, 5)}年，在${s.domainLabel}领域积累了一些服务经验，但在${s.topic}方面比较薄弱。希望有经验的公益前辈担任导师，每月交流一次，陪伴我们成长。`,
      (s) =>
        `作为机构负责人，我从一线社工转型做管理，${s.topic}和${s.r.pick(capacityTopics)}都是短板，想找一位导师半年内定期指导。`,
    ],
  },
  staff: {
    titles: [
      (s) => `招聘${s.subject}${s.r.int(1, 3)}名`,
      (s) => `急招${s.subject}（${s.district.shortZh}）`,
      (s) => `${s.brand}招聘${s.subject}`,
    ],
    bodies: [
      (s) =>
        `因${s.project}项目扩大，现招聘工作人员，工作地点在${s.place}。要求：${s.r.sample(staffRequirements, 2).join('；')}。待遇面议，缴纳五险一金。`,
      (s) =>
        `负责${s.who}${s.service}项目的日常执行和服务记录。${s.r.pick(staffRequirements)}，能长期稳定工作。`,
    ],
  },
  registration: {
    titles: [
      () => `社会组织登记注册辅导需求`,
      (s) => `筹备注册${s.subject}求指导`,
      () => `项目团队转型注册求辅导`,
    ],
    bodies: [
      (s) =>
        `我们是一支在${s.place}活动了${s.r.int(1, 6)}年的${s.domainLabel}团队，骨干成员${s.r.int(3, 15)}人，计划注册为${s.subject}。对章程起草、业务主管单位、注册资金等流程不熟悉，希望得到一对一的登记辅导。`,
    ],
  },
  policy: {
    titles: [
      (s) => `${s.subject}政策咨询`,
      (s) => `想了解${s.subject}的相关政策`,
      (s) => `咨询：机构能否申请${s.subject}`,
    ],
    bodies: [
      () =>
        `机构第一次接触这方面的政策，对申报条件、材料准备和时间节点都不太了解，希望有熟悉政策的老师给予指导。`,
      (s) =>
        `听说${s.district.zh}对${s.domainLabel}类社会组织有扶持政策，但不清楚具体条件，想请专业人士帮忙梳理一下。`,
    ],
  },
  legal: {
    titles: [
      (s) => (s.role === 'resident' ? `${s.subject}求助` : `${s.subject}法律咨询`),
      (s) => (s.role === 'resident' ? `${s.who}需要法律咨询` : `需要律师审核${s.subject}`),
    ],
    bodies: [
      (s) =>
        s.role === 'resident'
          ? `${residentLegalTroubles[s.subject] ?? '遇到一点法律上的麻烦'}，想咨询律师应该怎么办，经济条件有限，希望是公益法律服务。`
          : `机构近期在${s.subject}方面遇到一些问题，希望有律师提供公益法律咨询，必要时协助审核相关文本。`,
    ],
  },
  finance: {
    titles: [() => `财务托管服务`, () => `小型社会组织求代理记账`, (s) => `${s.subject}服务需求`],
    bodies: [
      (s) =>
        `机构规模较小，暂时没有专职会计，希望委托有资质的机构提供${s.subject}服务，包括记账、纳税申报和年度报表编制${s.amountText ? `，预算每年${s.amountText}以内` : ''}。`,
    ],
  },
  training: {
    titles: [
      (s) => `${s.topic}能力建设培训需求`,
      (s) => `希望参加${s.topic}培训`,
      (s) => `团队需要${s.topic}方面的培训`,
    ],
    bodies: [
      (s) =>
        `机构工作人员多为新入职社工，在${s.topic}方面经验不足，希望有专业机构为我们${s.n}名员工提供系统培训，形式可以是工作坊或跟岗学习。`,
    ],
  },
  evaluation: {
    titles: [(s) => `${s.subject}`, () => `迎接社会组织等级评估求辅导`, (s) => `${s.project}项目成效评估`],
    bodies: [
      (s) =>
        `机构计划${s.startsAt ? `于${monthText(s.startsAt)}` : '明年'}参加社会组织等级评估，希望获得${s.subject}，梳理档案材料、完善内部治理。`,
      (s) => `${s.project}项目即将结项，资助方要求提供第三方成效评估报告，希望找到有经验的评估团队。`,
    ],
  },
  publicity: {
    titles: [(s) => `${s.project}项目宣传推广`, (s) => `需要${s.subject}支持`, () => `公益活动求媒体宣传`],
    bodies: [
      (s) =>
        `我们的${s.project}项目做了${s.r.int(1, 8)}年，服务了很多${s.who}，但知道的人不多。希望有专业团队帮助我们做${s.subject}，让更多人了解并参与进来。`,
    ],
  },
  'community-service': {
    titles: [
      (s) => `${s.who}${s.service}`,
      (s) =>
        FAMILY_DOMAINS.has(s.domain)
          ? `为家中${s.who}寻求${s.service}`
          : `${s.district.shortZh}${s.who}${s.service}`,
      (s) => `${s.area}${s.who}需要${s.service}`,
      (s) => `求助：${s.who}${s.service}`,
      (s) => `${s.compound}${s.who}${s.service}需求`,
    ],
    bodies: [
      (s) =>
        s.role === 'resident'
          ? `我住在${s.place}${s.compound}。${situation(s)}。希望有社会组织或志愿者能提供${s.service}，${s.when}最好。`
          : `${s.place}有${s.n}位${s.who}有${s.service}需求，我们目前人手有限，希望与专业机构合作，共同为他们提供服务。`,
      (s) => `${situation(s)}。想找能提供${s.service}的机构，${fromMonth(s)}，费用方面希望能有补贴。`,
    ],
  },
  equipment: {
    titles: [
      (s) => `为${s.who}募集${s.item}`,
      (s) => `${s.item}${s.n}${s.r.pick(quantityUnits)}需求`,
      (s) => `${s.use}需要${s.item}`,
    ],
    bodies: [
      (s) => `${situation(s)}。目前急需${s.item}等设备${s.n}件，新旧均可，能正常使用即可。`,
      (s) => `${s.use}开展了一段时间，设备一直靠借，希望有爱心单位捐赠${s.item}，可上门自取。`,
    ],
  },
  supplies: {
    titles: [
      (s) => `为${s.who}募集${s.item}`,
      (s) => `${s.r.pick(seasons)}${s.item}需求`,
      (s) => `${s.project}物资募集：${s.item}`,
    ],
    bodies: [
      (s) => `计划为${s.place}的${s.n}户${s.who}发放${s.item}，目前还缺一部分，欢迎爱心企业和居民捐赠。`,
    ],
  },
};
