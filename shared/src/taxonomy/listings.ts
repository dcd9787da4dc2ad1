import { defineCodeList, type Labelled } from './labelled.js';

/** Every listing is an offer (something given) or a need (something asked for). */
export const sides = defineCodeList([
  { code: 'offer', zh: '资源', en: 'Offer' },
  { code: 'need', zh: '需求', en: 'Need' },
]);
export type Side = (typeof sides.codes)[number];
export const sideSchema = sides.schema;

/** What is matched: the kind of a listing. */
export const kinds = defineCodeList([
  { code: 'funding', zh: '资金', en: 'Funding' },
  { code: 'venue', zh: '场地', en: 'Venue' },
  { code: 'talent', zh: '人才', en: 'Talent' },
  { code: 'service', zh: '专业服务', en: 'Professional service' },
  { code: 'goods', zh: '物资', en: 'Goods' },
]);
export type Kind = (typeof kinds.codes)[number];
export const kindSchema = kinds.schema;

/** A sub-kind knows the kind it belongs to. */
export interface SubkindItem extends Labelled {
  readonly kind: Kind;
}

export const subkinds = defineCodeList([
  { code: 'grant', kind: 'funding', zh: '项目资助', en: 'Project grant' },
  { code: 'subsidy', kind: 'funding', zh: '小额补贴', en: 'Small subsidy' },
  { code: 'loan', kind: 'funding', zh: '无息/低息贷款', en: 'Interest-free or low-interest loan' },
  { code: 'admin-funding', kind: 'funding', zh: '行政经费资助', en: 'Administrative cost funding' },
  { code: 'donation', kind: 'funding', zh: '捐赠', en: 'Donation' },
  { code: 'office', kind: 'venue', zh: '办公场地', en: 'Office space' },
  { code: 'meeting-room', kind: 'venue', zh: '会议室', en: 'Meeting room' },
  { code: 'event-space', kind: 'venue', zh: '活动场地', en: 'Event space' },
  { code: 'exhibition', kind: 'venue', zh: '展示空间', en: 'Exhibition space' },
  { code: 'volunteer', kind: 'talent', zh: '志愿者', en: 'Volunteers' },
  { code: 'pro-bono', kind: 'talent', zh: '专业志愿者', en: 'Pro-bono professionals' },
  { code: 'mentor', kind: 'talent', zh: '导师', en: 'Mentor' },
  { code: 'staff', kind: 'talent', zh: '专职人才', en: 'Full-time staff' },
  { code: 'registration', kind: 'service', zh: '登记辅导', en: 'Registration coaching' },
  { code: 'policy', kind: 'service', zh: '政策咨询', en: 'Policy advice' },
  { code: 'legal', kind: 'service', zh: '法律服务', en: 'Legal services' },
  { code: 'finance', kind: 'service', zh: '财务托管', en: 'Bookkeeping and finance' },
  { code: 'training', kind: 'service', zh: '能力建设培训', en: 'Capacity-building training' },
  { code: 'evaluation', kind: 'service', zh: '评估辅导', en: 'Evaluation coaching' },
  { code: 'publicity', kind: 'service', zh: '宣传推广', en: 'Publicity' },
  { code: 'community-service', kind: 'service', zh: '社区服务', en: 'Community service' },
  { code: 'equipment', kind: 'goods', zh: '设备', en: 'Equipment' },
  { code: 'supplies', kind: 'goods', zh: '物资', en: 'Supplies' },
] as const satisfies readonly SubkindItem[]);
export type Subkind = (typeof subkinds.codes)[number];
export const subkindSchema = subkinds.schema;

/** The sub-kinds of one kind, in glossary order. */
export function subkindsOf(kind: Kind): readonly (typeof subkinds.items)[number][] {
  return subkinds.items.filter((s) => s.kind === kind);
}

/** Whether a sub-kind belongs to a kind (false for unknown codes). */
export function isSubkindOfKind(subkind: string, kind: string): boolean {
  return subkinds.find(subkind)?.kind === kind;
}

/** Listing lifecycle (docs/api.md, "The core"). */
export const listingStatuses = defineCodeList([
  { code: 'open', zh: '开放中', en: 'Open' },
  { code: 'matched', zh: '已对接', en: 'Matched' },
  { code: 'closed', zh: '已关闭', en: 'Closed' },
  { code: 'expired', zh: '已过期', en: 'Expired' },
]);
export type ListingStatus = (typeof listingStatuses.codes)[number];
export const listingStatusSchema = listingStatuses.schema;
