import type { Locale } from '@app/shared';

/** Messages of the resource market: listings, matching, conversations, organizations, saved searches. */
export const marketMessages = {
  // listings
  'listing.createOrganizationFirst': {
    'zh-CN': '请先创建您的机构，或此账号不能发布这一类信息',
    en: 'Create your organization first, or this account may not post this side',
  },
  'listing.sideNotAllowed': {
    'zh-CN': '您的账号不能发布这一类信息',
    en: 'Your account may not post this side',
  },
  'listing.ownerEdits': { 'zh-CN': '只有发布者可以编辑', en: 'Only the owner may edit this listing' },
  'listing.ownerCloses': { 'zh-CN': '只有发布者可以关闭', en: 'Only the owner may close this listing' },
  'listing.notEditable': {
    'zh-CN': '此信息已不在开放状态，不能编辑',
    en: 'A {status} listing cannot be edited',
  },
  'listing.eligibilityOnOffers': {
    'zh-CN': '只有资源可以设置申请条件',
    en: 'Only offers set eligibility rules',
  },
  'listing.endBeforeStart': { 'zh-CN': '结束时间不能早于开始时间', en: 'The end would be before the start' },
  'listing.capacityBelowUsed': {
    'zh-CN': '已有对接占用了 {used} 个名额，数量不能少于此数',
    en: 'Accepted matches have taken {used}; the capacity cannot be less',
  },
  'listing.changedMeanwhile': {
    'zh-CN': '此信息刚被修改过，请刷新后重试',
    en: 'The listing changed meanwhile; reload it',
  },
  // matching
  'match.coverageForNeeds': { 'zh-CN': '只有需求显示对接覆盖情况', en: 'Coverage is shown for needs' },
  'match.noCapacity': { 'zh-CN': '「{title}」的名额已满', en: '“{title}” has no capacity left' },
  'match.bundlesForOwner': {
    'zh-CN': '组合推荐只对需求的发布者显示',
    en: 'Bundles are shown to the need’s owner',
  },
  'match.bundlesForNeeds': { 'zh-CN': '组合推荐只为需求生成', en: 'Bundles are made for needs' },
  'match.bundleByNeedOwner': {
    'zh-CN': '组合对接只能由需求的发布者发起',
    en: 'A bundle is proposed by the need’s owner',
  },
  'match.eligibilityByOwnNeed': {
    'zh-CN': '请用您自己发布的一条需求来查看是否符合条件',
    en: 'Judge the rules by one of your own needs',
  },
  'match.amountOnlyFunding': {
    'zh-CN': '只有资金类对接可以填写金额',
    en: 'Only a funding match commits an amount',
  },
  'match.nothingLeft': { 'zh-CN': '此对接已没有可承诺的份额', en: 'Nothing is left to commit on this match' },
  'match.aboveAward': {
    'zh-CN': '该资源单笔资助最多 {award} 元',
    en: 'One award of this offer is at most {award} yuan',
  },
  'match.needLacksOnly': { 'zh-CN': '该需求只差 {lack} 元', en: 'The need lacks only {lack} yuan' },
  'match.atMost': { 'zh-CN': '最多 {max}', en: 'at most {max}' },
  'match.alreadyCovered': { 'zh-CN': '该需求已经满足', en: 'The need is already covered' },
  'match.overCommitted': {
    'zh-CN': '「{title}」的承诺金额将超出所需',
    en: '“{title}” would be over-committed',
  },
  'match.coveredOrSpent': {
    'zh-CN': '需求已满足或资源已用完',
    en: 'The need is already covered or the offer has nothing left',
  },
  'match.notEligibleRules': { 'zh-CN': '不符合申请条件：{rules}', en: 'Not eligible: {rules}' },
  'match.noLonger': { 'zh-CN': '此对接的状态已变化，请刷新', en: 'The match is no longer {status}' },
  'match.needAndOffer': {
    'zh-CN': 'needId 须为需求，offerId 须为资源',
    en: 'needId must be a need and offerId an offer',
  },
  'match.bothYours': { 'zh-CN': '两条信息都是您发布的', en: 'Both listings are yours' },
  'match.proposeFromOwn': {
    'zh-CN': '请从您自己发布的信息提议对接',
    en: 'Propose from one of your own listings',
  },
  'match.bothOpen': { 'zh-CN': '两条信息都须处于开放状态', en: 'Both listings must be open' },
  'match.underWay': {
    'zh-CN': '这两条信息已有进行中的对接',
    en: 'These two listings already have a match under way',
  },
  'match.notEligible': {
    'zh-CN': '需求不符合该资源的申请条件',
    en: 'The need does not meet the offer’s eligibility rules',
  },
  'match.receiverAccepts': {
    'zh-CN': '只有收到提议的一方可以接受',
    en: 'Only the side that received the proposal accepts it',
  },
  'match.receiverDeclines': {
    'zh-CN': '只有收到提议的一方可以婉拒',
    en: 'Only the side that received the proposal declines it',
  },
  'match.cannotAccept': { 'zh-CN': '此对接当前不能接受', en: 'A {status} match cannot be accepted' },
  'match.listingGone': { 'zh-CN': '此对接的一条信息已不存在', en: 'A listing of this match is gone' },
  'match.reviewCompleted': { 'zh-CN': '只有已完成的对接可以评价', en: 'Only a completed match is reviewed' },
  'match.alreadyReviewed': { 'zh-CN': '您这一方已经评价过', en: 'Your side has already reviewed this match' },
  'match.contactAfterAccept': {
    'zh-CN': '对接被接受后才显示联系方式',
    en: 'Contact details are shown once the match is accepted',
  },
  'match.remindOverdueOnly': {
    'zh-CN': '只有超过答复期限的提议可以催办',
    en: 'Only a proposal past its deadline is reminded',
  },
  'match.overdueSeen': {
    'zh-CN': '只有本基地运营方和民政部门可以查看逾期的对接',
    en: "Only the base's operators and the bureau see its overdue matches",
  },
  'evidence.afterReview': {
    'zh-CN': '已评价的对接不能再添加凭证',
    en: 'A reviewed match takes no more evidence',
  },
  'evidence.acceptFirst': {
    'zh-CN': '对接被接受后才能添加凭证',
    en: 'A {status} match takes no evidence; it must be accepted first',
  },
  'evidence.tooMany': {
    'zh-CN': '每个对接最多 {max} 个凭证文件',
    en: 'A match keeps at most {max} evidence files',
  },
  'evidence.sidesOnly': { 'zh-CN': '只有对接双方可以添加凭证', en: 'Only a side of the match adds evidence' },
  // conversations
  'conversation.noSuchMessage': {
    'zh-CN': '此会话中没有这条消息',
    en: 'No such message in this conversation',
  },
  'conversation.nameOrganization': { 'zh-CN': '请指明机构', en: 'Name the organization' },
  'conversation.organizationFirst': {
    'zh-CN': '请先创建或加入一个机构',
    en: 'Create or join an organization first',
  },
  'conversation.ownOrganization': {
    'zh-CN': '只能打开您自己机构的会话',
    en: 'You may only open the conversation of your own organization',
  },
  'conversation.organizationAndOperators': {
    'zh-CN': '这里只有机构和其所在基地的运营方可以交流',
    en: 'Only the organization and the operators of its base talk here',
  },
  'conversation.directVerified': {
    'zh-CN': '直接会话只能在两个不同的已认证机构之间进行',
    en: 'Direct conversations are between two different verified organizations',
  },
  // organizations
  'organization.creditCodeTaken': {
    'zh-CN': '已有机构使用此统一社会信用代码',
    en: 'An organization with this credit code already exists',
  },
  'organization.createUnaffiliated': {
    'zh-CN': '只有尚未归属机构的机构或资助方账号可以创建机构',
    en: 'Only an organization or funder account without an organization may create one',
  },
  'organization.typeMismatch': {
    'zh-CN': '此机构类型与您的账号不符',
    en: 'This organization type does not fit your account',
  },
  'organization.alreadyMember': { 'zh-CN': '您已属于一个机构', en: 'You already belong to an organization' },
  'organization.membersEdit': {
    'zh-CN': '只有成员可以编辑此机构',
    en: 'Only members may edit this organization',
  },
  'organization.verifiers': {
    'zh-CN': '只有机构所在基地的运营方和民政部门可以认证',
    en: "Only the organization's base operators and the bureau verify it",
  },
  'organization.membersInvite': { 'zh-CN': '只有成员可以邀请', en: 'Only members may invite' },
  'organization.joinRoles': {
    'zh-CN': '只有机构和资助方账号可以加入机构',
    en: 'Only organization and funder accounts join organizations',
  },
  'organization.joinTypeMismatch': {
    'zh-CN': '您的账号类型不能加入此机构',
    en: 'Your account type cannot join this organization',
  },
  'organization.membersSeen': {
    'zh-CN': '只有成员和机构所在基地的工作人员可以查看成员',
    en: "Only members and the organization's base staff see the member list",
  },
  'organization.membersAttach': { 'zh-CN': '只有成员可以上传文件', en: 'Only members may attach documents' },
  'organization.maxDocuments': { 'zh-CN': '最多 {max} 个文件', en: 'At most {max} documents' },
  'organization.documentsSeen': {
    'zh-CN': '只有成员和机构所在基地的工作人员可以查看文件',
    en: "Only members and the organization's base staff see documents",
  },
  'savedSearch.max': {
    'zh-CN': '最多保存 {max} 个搜索，请先删除一个',
    en: 'At most {max} saved searches; delete one first',
  },
} as const satisfies Record<string, Record<Locale, string>>;
