/**
 * Names of people, organizations and places. People are composed from common surnames and given-name characters
 * (with their pinyin, for e-mail addresses); organizations from invented two-character brands, so the results are
 * plausible without pointing at anyone real.
 */

/** Common surnames with a rough weight (how often they occur) and their pinyin. */
// prettier-ignore
export const surnames: readonly (readonly [zh: string, pinyin: string, weight: number])[] = [
  ['王', 'wang', 10], ['李', 'li', 10], ['张', 'zhang', 9], ['刘', 'liu', 7], ['陈', 'chen', 7],
  ['杨', 'yang', 4], ['黄', 'huang', 3], ['赵', 'zhao', 3], ['吴', 'wu', 3], ['周', 'zhou', 3],
  ['徐', 'xu', 3], ['孙', 'sun', 2], ['马', 'ma', 2], ['朱', 'zhu', 2], ['胡', 'hu', 2],
  ['郭', 'guo', 2], ['何', 'he', 2], ['高', 'gao', 2], ['林', 'lin', 2], ['罗', 'luo', 1],
  ['郑', 'zheng', 1], ['梁', 'liang', 1], ['谢', 'xie', 1], ['宋', 'song', 1], ['唐', 'tang', 1],
  ['许', 'xu', 1], ['韩', 'han', 1], ['冯', 'feng', 1], ['邓', 'deng', 1], ['曹', 'cao', 1],
  ['彭', 'peng', 1], ['曾', 'zeng', 1], ['肖', 'xiao', 1], ['田', 'tian', 1], ['董', 'dong', 1],
  ['袁', 'yuan', 1], ['潘', 'pan', 1], ['蒋', 'jiang', 1], ['蔡', 'cai', 1], ['余', 'yu', 1],
  ['杜', 'du', 1], ['叶', 'ye', 1], ['程', 'cheng', 1], ['苏', 'su', 1], ['魏', 'wei', 1],
  ['吕', 'lv', 1], ['丁', 'ding', 1], ['沈', 'shen', 1.5], ['姚', 'yao', 1], ['陆', 'lu', 1.5],
  ['顾', 'gu', 1.5], ['钱', 'qian', 1], ['金', 'jin', 1], ['范', 'fan', 1], ['汪', 'wang', 1],
  ['严', 'yan', 0.7], ['邵', 'shao', 0.7], ['龚', 'gong', 0.7], ['戴', 'dai', 0.7], ['倪', 'ni', 0.7],
  ['欧阳', 'ouyang', 0.2], ['司马', 'sima', 0.1], ['诸葛', 'zhuge', 0.1],
];

/** Given-name characters with pinyin; a given name is one or two of them. */
// prettier-ignore
export const givenChars: readonly (readonly [zh: string, pinyin: string])[] = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['强', 'qiang'],
  ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'], ['杰', 'jie'], ['娟', 'juan'],
  ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'], ['霞', 'xia'], ['平', 'ping'], ['刚', 'gang'], ['华', 'hua'],
  ['文', 'wen'], ['婷', 'ting'], ['雪', 'xue'], ['琳', 'lin'], ['浩', 'hao'], ['宇', 'yu'], ['晨', 'chen'],
  ['颖', 'ying'], ['慧', 'hui'], ['蕾', 'lei'], ['峰', 'feng'], ['斌', 'bin'], ['鹏', 'peng'], ['辉', 'hui'],
  ['佳', 'jia'], ['怡', 'yi'], ['欣', 'xin'], ['思', 'si'], ['远', 'yuan'], ['嘉', 'jia'], ['俊', 'jun'],
  ['雨', 'yu'], ['晓', 'xiao'], ['燕', 'yan'], ['建', 'jian'], ['国', 'guo'], ['志', 'zhi'], ['海', 'hai'],
  ['玉', 'yu'], ['兰', 'lan'], ['梅', 'mei'], ['红', 'hong'], ['英', 'ying'], ['秀', 'xiu'], ['凤', 'feng'],
  ['子', 'zi'], ['涵', 'han'], ['萱', 'xuan'], ['轩', 'xuan'], ['博', 'bo'], ['一', 'yi'], ['鸣', 'ming'],
  ['天', 'tian'], ['佑', 'you'], ['诗', 'shi'], ['琪', 'qi'], ['雯', 'wen'], ['倩', 'qian'], ['晔', 'ye'],
  ['卫', 'wei'], ['东', 'dong'], ['立', 'li'], ['新', 'xin'], ['春', 'chun'], ['蓉', 'rong'], ['莉', 'li'],
];

/** First and second characters of invented brand names (乐颐, 嘉禾, 恒川…). */
// prettier-ignore
export const brandFirst = [
  '乐', '嘉', '恒', '悦', '和', '信', '安', '博', '汇', '思', '睿', '善', '益', '德', '众', '同', '新', '华',
  '启', '康', '仁', '惠', '润', '明', '至', '泓', '沐', '青', '鸿', '景', '瑞', '正', '诚', '致', '合', '慧',
] as const;
// prettier-ignore
export const brandSecond = [
  '禾', '川', '源', '行', '达', '邦', '远', '泰', '和', '善', '朗', '晟', '诚', '成', '宁', '盈', '宜', '心',
  '桥', '航', '韵', '来', '智', '信', '辰', '阳', '丰', '通', '恩', '澜', '享', '谷',
] as const;

/** Name endings of social organizations by type, with how often they occur. */
// prettier-ignore
export const socialServiceSuffixes: readonly (readonly [string, number])[] = [
  ['社会工作服务中心', 6], ['社工师事务所', 2], ['公益发展中心', 3], ['公益服务中心', 2], ['社区服务中心', 2], ['服务社', 1.5],
];
// prettier-ignore
export const socialGroupSuffixes: readonly (readonly [string, number])[] = [
  ['志愿者协会', 4], ['公益促进会', 2], ['社会组织联合会', 1], ['慈善协会', 1], ['社区发展协会', 1],
];
// prettier-ignore
export const projectTeamSuffixes: readonly (readonly [string, number])[] = [
  ['志愿服务队', 4], ['公益项目组', 3], ['互助小组', 2], ['公益团队', 2], ['睦邻工作室', 1], ['居民自治团队', 1],
];
// prettier-ignore
export const foundationSuffixes: readonly (readonly [string, number])[] = [['公益基金会', 5], ['慈善基金会', 3], ['社区发展基金会', 1]];

/** Name endings that say what an organization does: only used when its main domain fits. */
// prettier-ignore
export const domainSuffixes: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  'social-service': {
    elderly: ['养老服务中心', '为老服务中心', '长者服务社'],
    disability: ['康复服务中心', '助残服务社'],
    'child-welfare': ['儿童服务中心', '亲子成长中心'],
    'minor-protection': ['青少年事务服务中心'],
    'mental-health': ['心理健康服务中心', '心理咨询服务中心'],
    'culture-sports': ['文化发展中心'],
    environment: ['环境教育中心'],
    employment: ['就业服务中心'],
    'legal-aid': ['法律服务中心'],
  },
  'social-group': {
    elderly: ['老年协会'],
    disability: ['残疾人福利协会'],
    'culture-sports': ['文化体育协会'],
    'women-family': ['家庭教育研究会'],
    'child-welfare': ['家庭教育研究会'],
    volunteering: ['志愿者联合会'],
  },
  foundation: {
    education: ['教育发展基金会'],
    'child-welfare': ['青少年发展基金会', '儿童基金会'],
    'minor-protection': ['青少年发展基金会'],
    elderly: ['敬老基金会'],
    health: ['健康基金会'],
  },
};

/** Lines of business of enterprises that fund or serve social organizations. */
// prettier-ignore
export const enterpriseIndustries: readonly (readonly [industry: string, weight: number])[] = [
  ['信息科技有限公司', 4], ['网络科技有限公司', 2], ['置业有限公司', 2], ['商业管理有限公司', 2],
  ['实业有限公司', 2], ['生物医药有限公司', 1.5], ['物业管理有限公司', 2], ['餐饮管理有限公司', 1],
  ['文化传播有限公司', 1.5], ['贸易有限公司', 1], ['电子商务有限公司', 1], ['投资管理有限公司', 1],
  ['建设工程有限公司', 1], ['食品有限公司', 1], ['汽车销售服务有限公司', 0.6], ['银行股份有限公司上海分行', 0.5],
];

/** Professional firms: their pro-bono work is a common kind of offer. */
// prettier-ignore
export const professionalFirms: readonly (readonly [suffix: string, service: 'legal' | 'finance' | 'publicity'])[] = [
  ['律师事务所', 'legal'],
  ['会计师事务所（特殊普通合伙）', 'finance'],
  ['税务师事务所有限公司', 'finance'],
  ['广告传媒有限公司', 'publicity'],
];

/** Residential compounds: first, second character and ending (锦华新村, 康乐花园…). */
// prettier-ignore
export const compoundFirst = ['锦', '康', '华', '怡', '欣', '安', '馨', '嘉', '景', '丰', '和', '平', '龙', '凤', '田', '虹', '金', '兴', '长', '春'] as const;
export const compoundSecond = [
  '华',
  '泰',
  '乐',
  '林',
  '城',
  '安',
  '福',
  '美',
  '桥',
  '苑',
  '晖',
  '阳',
] as const;
export const compoundEndings = [
  '小区',
  '新村',
  '花园',
  '公寓',
  '苑',
  '大楼',
  '一村',
  '二村',
  '三村',
] as const;

/** Road names for made-up addresses (road names are generic words, not real street addresses). */
// prettier-ignore
export const roadNames = ['康宁路', '长乐路', '建国路', '和平路', '兴业路', '民生路', '人民路', '解放路', '中山路', '光明路', '振华路', '文化路', '健康路', '丰乐路', '幸福路'] as const;
