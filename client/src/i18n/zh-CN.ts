/**
 * Simplified Chinese, the default language. en.ts must carry exactly the same keys (a test checks it).
 * vue-i18n reserves { } @ $ | in messages: write them only as placeholders.
 */
const zhCN = {
  app: {
    name: '资源链',
    fullTitle: '资源链 · 社会组织资源对接平台',
    tagline: '社会组织资源对接平台',
    skipToContent: '跳到主要内容',
    footer: '资源链 · 服务上海社会组织孵化基地',
  },
  nav: {
    main: '主导航',
    tabs: '底部导航',
    home: '首页',
    search: '找资源',
    post: '发布',
    matches: '匹配',
    messages: '消息',
    me: '我的',
    operator: '基地运营',
    bureau: '监管',
  },
  prefs: {
    switchLanguage: '切换语言',
    otherLanguage: 'English',
    elderMode: '长辈模式',
    elderModeHint: '放大字号、加深对比度',
  },
  home: {
    title: '让好资源找到需要它的社会组织',
    lead: '资源链连接上海各区的社会组织孵化基地、社会组织、企业与基金会。发布需求或可提供的资源，平台按服务领域、所在街镇和申请条件推荐匹配，双方在线沟通、对接落地。',
    searchCta: '找资源',
    postCta: '发布需求或资源',
    pointsTitle: '平台能做什么',
    points: {
      post: { title: '发布需求与资源', text: '场地、资金、志愿者、专业服务，需要的和能提供的都可以发布。' },
      match: { title: '智能匹配', text: '按服务领域、地区和申请条件打分，并说明每一条推荐的理由。' },
      talk: { title: '在线沟通', text: '双方确认匹配后即可在线沟通，联系方式按约定公开。' },
    },
  },
  comingSoon: {
    title: '功能即将上线',
    description: '“{feature}”正在建设中，敬请期待。',
    backHome: '返回首页',
  },
  notFound: {
    title: '页面不存在',
    description: '您访问的页面不存在或已被移除。',
    backHome: '返回首页',
  },
  health: {
    label: '运行状态',
    database: '数据库',
    search: '搜索',
    realtime: '实时通信',
    version: '版本',
    unavailable: '暂时无法连接服务器',
    engines: {
      embedded: '内置',
      mongodb: 'MongoDB',
      meilisearch: 'Meilisearch',
      memory: '单进程',
      redis: 'Redis',
      none: '未启用',
    },
  },
};

export type MessageSchema = typeof zhCN;
export default zhCN;
