/** Words that do not depend on a service domain: times, topics, professions, openings and closings. */

/** When something recurs, the way people write it. */
// prettier-ignore
export const timeSlots = [
  '每周三下午', '每周一上午', '每周五晚上', '周末上午', '每周六下午', '每月第一个周六', '每周二、四下午',
  '工作日白天', '每天中午', '每周日上午', '每月中旬', '工作日晚上7点以后', '每周三上午9点到11点半',
  '每两周一次', '寒暑假期间', '周一至周五下午4点到6点',
] as const;

/** Capacity-building topics any organization may want training or mentoring in. */
// prettier-ignore
export const capacityTopics = [
  '项目设计与管理', '筹款与资源动员', '财务管理', '品牌传播', '志愿者管理', '机构治理', '项目成效评估',
  '政府购买服务投标', '新媒体运营', '社工伦理与督导', '团队建设', '公益项目预算编制', '数据化管理',
] as const;

// prettier-ignore
export const staffPosts = [
  '专职社工', '项目主管', '项目专员', '财务专员', '行政助理', '宣传专员', '社区工作者', '志愿者协调员', '康复治疗师', '心理咨询师',
] as const;

// prettier-ignore
export const staffRequirements = [
  '持有社会工作者职业水平证书', '有两年以上社区工作经验', '熟悉办公软件，文字功底好', '社会工作、心理学或相关专业本科及以上学历',
  '有责任心和同理心，善于沟通', '能适应周末加班', '会说上海话者优先',
] as const;

// prettier-ignore
export const genericProfessions = ['律师', '会计师', '设计师', '摄影师', '程序员', '翻译', '品牌顾问', '人力资源顾问', '心理咨询师'] as const;

// prettier-ignore
export const proBonoTasks = [
  '提供专业咨询', '开展专题讲座', '为服务对象提供一对一咨询', '协助设计服务方案', '审阅项目材料',
] as const;

export const registrationTypes = ['社会服务机构（原民办非企业单位）', '社会团体', '社区社会组织'] as const;

// prettier-ignore
export const policyTopics = [
  '政府购买服务', '公益创投申报', '社区基金会设立', '公益性捐赠税前扣除资格', '慈善组织认定', '社会组织等级评估',
  '社会组织培育基地入驻', '社工岗位补贴', '非营利组织免税资格',
] as const;

// prettier-ignore
export const legalTopics = ['劳动合同', '志愿者服务协议', '捐赠协议', '章程修订', '知识产权', '个人信息保护', '场地租赁合同', '服务对象安全责任'] as const;

/** A resident's own legal trouble: what to ask for, and the situation behind it (without final punctuation). */
// prettier-ignore
export const residentLegalTroubles: Readonly<Record<string, string>> = {
  遗嘱咨询: '家里老人想立遗嘱，又担心子女之间因此闹矛盾',
  工伤认定: '在外卖平台干了两年，最近送餐时受了伤，却不知道算不算工伤',
  消费维权: '装修公司拖了三个月没完工，预付款也不肯退',
  租房纠纷: '房东到期不退押金，说墙面有损坏要扣钱',
  赡养纠纷: '子女长期不尽赡养义务，老人想讨个说法',
  欠薪维权: '公司拖欠了两个月工资，老板一直说再等等',
  邻里纠纷: '楼上装修漏水把我家天花板泡坏了，协商了几次都没有结果',
};
export const residentLegalAsks = Object.keys(residentLegalTroubles);

export const financeServices = [
  '代理记账',
  '年度审计',
  '财务制度建设',
  '专项资金管理',
  '税务申报',
  '票据管理',
  '财务托管',
] as const;

export const evaluationServices = [
  '社会组织等级评估辅导',
  '项目结项评估',
  '第三方成效评估',
  '年检年报辅导',
  '项目中期评估',
] as const;

export const publicityChannels = [
  '公众号推文',
  '短视频拍摄剪辑',
  '项目宣传片',
  '海报和折页设计',
  '媒体报道对接',
  '年度报告设计',
] as const;

export const volunteerSources = [
  '公司员工',
  '在校大学生',
  '退休教师和医生',
  '社区党员',
  '高中生',
  '外企员工',
] as const;

/** Names for spaces offered by companies and bases. */
// prettier-ignore
export const spaceNames = ['公司多功能厅', '社区党群服务中心活动室', '商场中庭', '社区文化活动中心', '园区共享会议中心', '街道社区学校', '孵化基地共享空间', '图书馆报告厅'] as const;

export const seasons = ['冬季', '夏季', '春节前', '开学前', '国庆期间'] as const;

/** Extra details people add to a request or an offer, zero to two of them. */
// prettier-ignore
export const needExtras = [
  '之前也联系过居委会，但资源有限。',
  '我们会做好活动记录，并向支持方反馈成效。',
  '具体需求可以当面再细化。',
  '项目已经得到街道和居委会的支持。',
  '如果一时找不到全部资源，部分支持也非常欢迎。',
  '我们每月在公众号上公开活动情况。',
] as const;

// prettier-ignore
export const residentNeedExtras = [
  '之前也问过居委会，但一直没有解决。',
  '具体情况可以当面再聊。',
  '如果一时找不到全部资源，部分帮助也非常感谢。',
  '家里白天有人，时间可以配合。',
  '邻居们都很支持这件事。',
] as const;

// prettier-ignore
export const offerExtras = [
  '对接成功后，希望能收到简单的服务反馈。',
  '优先考虑入驻孵化基地的机构。',
  '可在平台上预约实地查看。',
  '首次合作的机构需要先进行一次线上沟通。',
  '往年已支持过二十多家社区社会组织。',
  '合作机构需配合完成必要的过程记录。',
] as const;

/** How people close a request or an offer. */
// prettier-ignore
export const needClosings = [
  '有意向的机构或个人请通过平台联系我们，谢谢！',
  '欢迎感兴趣的伙伴联系。',
  '可以先线上沟通，再约时间见面详谈。',
  '非常感谢！',
  '如有合适的资源，请在平台上留言。',
] as const;

// prettier-ignore
export const offerClosings = [
  '有需要的机构请通过平台提交对接申请。',
  '欢迎符合条件的社会组织申请。',
  '名额有限，先到先得。',
  '具体事宜可在平台上留言沟通。',
  '我们会在收到申请后五个工作日内回复。',
] as const;

export const facilities = [
  '投影',
  '音响',
  '无线网络',
  '白板',
  '空调',
  '无障碍通道',
  '茶水',
  '停车位',
  '视频会议设备',
] as const;

export const quantityUnits = ['台', '套', '件'] as const;
