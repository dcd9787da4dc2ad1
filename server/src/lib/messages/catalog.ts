/**
 * Every message a user can see in an error, in both languages. `{name}` marks a parameter. The codes of the API
 * stay as they are; only the words follow the reader's language.
 */
export const messageCatalog = {
  // requests in general
  'request.invalid': { 'zh-CN': '填写的内容有误，请检查标出的项', en: 'Invalid {where}' },
  'request.operatorKey': {
    'zh-CN': '字段名不能以 $ 开头，也不能包含点号',
    en: 'Field names may not start with $ or contain dots',
  },
  'request.noInput': { 'zh-CN': '此接口不接受这些参数', en: 'This endpoint takes no {where}' },
  'request.notJson': { 'zh-CN': '请求内容不是有效的 JSON', en: 'Request body is not valid JSON' },
  'request.encoding': { 'zh-CN': '不支持的请求编码', en: 'Unsupported body encoding' },
  'request.alreadyExists': { 'zh-CN': '已经存在', en: 'Already exists' },
  'request.malformedValue': { 'zh-CN': '编号或取值的格式有误', en: 'Malformed identifier or value' },
  'request.malformedPath': { 'zh-CN': '网址编码有误', en: 'Malformed percent-encoding in the path' },
  'request.malformed': { 'zh-CN': '请求格式有误', en: 'Malformed request' },
  'request.tooLarge': { 'zh-CN': '提交的内容过大', en: 'Request body too large' },
  'request.tooMany': { 'zh-CN': '操作太频繁，请稍后再试', en: 'Too many requests, try again later' },
  'request.tooManyEvents': { 'zh-CN': '操作太频繁，请慢一点', en: 'Too many events; slow down' },
  'request.internal': { 'zh-CN': '服务器出了点问题，请稍后再试', en: 'Something went wrong on our side' },
  'request.noRoute': { 'zh-CN': '没有这个接口：{method} {path}', en: 'No route for {method} {path}' },
  'request.notFound': { 'zh-CN': '{thing}不存在', en: '{thing} not found' },
  // uploads
  'upload.tooLarge': { 'zh-CN': '文件不能超过 {mb} MB', en: 'The file is larger than {mb} MB' },
  'upload.refused': { 'zh-CN': '上传被拒绝（{reason}）', en: 'Upload refused: {reason}' },
  'upload.malformed': { 'zh-CN': '上传的格式有误', en: 'Malformed upload' },
  'upload.attachFile': { 'zh-CN': '请选择一个文件', en: 'Attach a file' },
  'upload.fileType': {
    'zh-CN': '只接受 JPEG、PNG、WebP 图片和 PDF 文件',
    en: 'Only JPEG, PNG, WebP images and PDF files are accepted',
  },
  // accounts
  'auth.signInFirst': { 'zh-CN': '请先登录', en: 'Sign in first' },
  'auth.notAllowed': { 'zh-CN': '无权进行此操作', en: 'Not allowed' },
  'auth.roleMayNot': { 'zh-CN': '您的账号类型不能进行此操作', en: 'Your role may not do this' },
  'auth.loginRefused': { 'zh-CN': '邮箱或密码错误', en: 'Email or password is wrong' },
  'auth.emailTaken': { 'zh-CN': '该邮箱已注册', en: 'An account with this email already exists' },
  'auth.currentPasswordWrong': { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  'auth.csrf': {
    'zh-CN': '页面已过期，请刷新后重试',
    en: 'Missing or wrong CSRF token: fetch one from GET /api/auth/csrf',
  },
  'auth.resetLinkInvalid': {
    'zh-CN': '重置链接无效、已使用或已过期，请重新申请',
    en: 'This reset link is invalid, used or expired; ask for a new one',
  },
  'staff.noSuchBase': { 'zh-CN': '没有这个基地', en: 'No such base' },
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
  // the words of one field (error details)
  'field.required': { 'zh-CN': '必填', en: 'required' },
  'field.alreadyRegistered': { 'zh-CN': '已被注册', en: 'already registered' },
  'field.alreadyTaken': { 'zh-CN': '已被占用', en: 'already taken' },
  'field.wrongPassword': { 'zh-CN': '密码不正确', en: 'wrong password' },
  'field.operatorKey': { 'zh-CN': '不允许的字段名', en: 'operator or dotted key not allowed' },
  'field.noInput': { 'zh-CN': '此处不接受参数', en: 'no {where} expected' },
  'field.noSuchBase': { 'zh-CN': '没有这个基地', en: 'no such base' },
  'field.notThisConversation': { 'zh-CN': '不是此会话中的消息', en: 'not a message of this conversation' },
  'field.typeNotForRole': { 'zh-CN': '不适用于此账号类型', en: 'not allowed for a {role} account' },
  'field.unsupportedFileType': { 'zh-CN': '不支持的文件类型', en: 'unsupported file type' },
} as const;

/** The things a "not found" names. */
export const thingNames = {
  Resource: { 'zh-CN': '内容', en: 'Resource' },
  Listing: { 'zh-CN': '该信息', en: 'Listing' },
  Match: { 'zh-CN': '该对接', en: 'Match' },
  'Evidence file': { 'zh-CN': '该凭证文件', en: 'Evidence file' },
  Base: { 'zh-CN': '该基地', en: 'Base' },
  Conversation: { 'zh-CN': '该会话', en: 'Conversation' },
  Organization: { 'zh-CN': '该机构', en: 'Organization' },
  Notification: { 'zh-CN': '该通知', en: 'Notification' },
  Invitation: { 'zh-CN': '该邀请', en: 'Invitation' },
  Document: { 'zh-CN': '该文件', en: 'Document' },
  'Saved search': { 'zh-CN': '该保存的搜索', en: 'Saved search' },
  User: { 'zh-CN': '该账号', en: 'User' },
} as const;
