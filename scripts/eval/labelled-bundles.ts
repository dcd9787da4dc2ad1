/**
 * Bundle cases of the labelled set: needs that ask more money or more people than most single offers give, judged
 * against the same offer pool. `relevant` names the offers an operator would put in front of the need (as in
 * labelled-needs.ts); `expect` says whether an operator would look for a bundle at all: `bundle` when no relevant,
 * eligible offer covers the need alone, `none` when one does. A recommended bundle is good when every offer in it
 * is one the operator judged relevant. The judgments were written before the bundles were computed.
 */
import type { NeedEntry } from './labelled-set.js';

export interface BundleCase extends NeedEntry {
  expect: 'bundle' | 'none';
}

const registered = (name: string, type: 'social-group' | 'social-service', grade?: number) => ({
  name,
  type,
  registered: true,
  ...(grade ? { grade } : {}),
});

// Tabular data: one entry per two lines reads better than prettier's layout.
// prettier-ignore
export const bundleCases: BundleCase[] = [
  { id: 'b01', sub: 'volunteer', at: '310107014', cap: 60, created: '2027-05-10', domains: ['elderly'], org: registered('长风为老服务社', 'social-service', 3), expect: 'bundle',
    title: '重阳节敬老探访需要60名志愿者',
    text: '重阳节当天要在街道十个小区同时上门探访独居老人、送慰问品、陪老人聊天，需要约60名志愿者。',
    // 静安、普陀的探访队最近；黄浦、徐汇、长宁的为老志愿队也能来。应急、环保、手语志愿者不对口。
    relevant: { t05: 2, t06: 2, t08: 2, t02: 1, t01: 1, t03: 1, t04: 1, t07: 1, t18: 1 } },
  { id: 'b02', sub: 'volunteer', at: '310109011', cap: 8, created: '2027-05-11', domains: ['disability', 'health'], org: registered('虹口助残服务社', 'social-service', 3), expect: 'none',
    title: '残障居民集中复查需要8名陪诊志愿者',
    text: '下月社区医院为残障居民集中复查，需要8名志愿者推轮椅、陪同挂号取药。',
    // 虹口助残志愿队一队就有20人。
    relevant: { t14: 2, t15: 2, t17: 2, t18: 1 } },
  { id: 'b03', sub: 'grant', at: '310104011', amount: [null, 250_000], created: '2027-05-09', domains: ['elderly'], org: registered('徐汇乐龄助餐服务社', 'social-service', 3), expect: 'bundle',
    title: '长者助餐网络扩建需要25万元',
    text: '机构在徐汇区运营六个长者助餐点，计划新增送餐线路、改造两处厨房，全年预算缺口约25万元，希望申请项目资助。',
    // 全市创投最多20万，单独不够；助残、心理、贷款的大额资金不对口。
    relevant: { f10: 2, f01: 2, f21: 2, f02: 1, f18: 1 } },
  { id: 'b04', sub: 'grant', at: '310112006', amount: [null, 80_000], created: '2027-05-08', domains: ['elderly'], org: registered('古美颐乐服务社', 'social-service', 3), expect: 'none',
    title: '独居老人关爱项目需要8万元',
    text: '机构在闵行古美街道为独居老人开展定期探访和助餐，明年项目预算8万元。',
    // 闵行为老资助、银龄关爱资助都能单独覆盖。
    relevant: { f09: 2, f01: 2, f10: 2, f21: 1, f18: 1 } },
  { id: 'b05', sub: 'grant', at: '310115004', amount: [null, 600_000], created: '2027-05-12', domains: ['disability', 'employment'], org: registered('浦东启明助残就业服务中心', 'social-service', 4), expect: 'bundle',
    title: '残疾人辅助性就业基地建设需要60万元',
    text: '机构在浦东筹建残疾人辅助性就业基地，场地无障碍改造、设备和一年的职业培训费用合计约60万元。',
    // 无障碍建设资金管改造；贷款不是资助，算部分相关。心理健康资助与此无关。
    relevant: { f03: 2, f28: 2, f15: 1, f07: 1 } },
  { id: 'b06', sub: 'volunteer', at: '310110013', cap: 50, created: '2027-05-06', domains: ['disability', 'child-welfare'], org: registered('杨浦融合儿童服务中心', 'social-service', 3), expect: 'bundle',
    title: '特殊儿童融合运动会需要50名陪伴志愿者',
    text: '机构在杨浦举办特殊儿童融合运动会，每个孩子需要一名志愿者全程陪伴，共需约50名。',
    // 特教、助残、陪伴特殊儿童的队伍对口；陪诊、环保、应急的不对口。
    relevant: { t19: 2, t21: 2, t14: 2, t15: 1, t18: 1, t09: 1 } },
];
