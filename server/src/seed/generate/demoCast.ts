/**
 * The hand-made part of the demo: incubation bases, the fixed logins and their organizations. Names are invented;
 * streets and credit codes are real in form (official street codes, valid check characters).
 */
import type { CreateBaseBody, Role } from '@app/shared';
import { districts, streets } from '@app/shared';
import { creditCode } from './creditCodes.js';
import type { GeneratedOrganization } from './organizations.js';
import type { OrgProfile } from './organizations.js';
import { Random } from './random.js';

/** The password of every demo account. */
export const DEMO_PASSWORD = 'demo1234';
export const DEMO_EMAIL_DOMAIN = 'demo.example.org';

export interface DemoBase {
  key: string;
  body: CreateBaseBody;
}

export const demoBases: DemoBase[] = [
  {
    key: 'base-xuhui',
    body: {
      name: '徐汇区社会组织培育基地',
      level: 'district',
      district: '310104',
      street: '310104003',
      address: '徐汇区康宁路188号',
    },
  },
  {
    key: 'base-pudong',
    body: {
      name: '浦东新区公益组织孵化园',
      level: 'district',
      district: '310115',
      street: '310115016',
      address: '浦东新区民生路1399号',
    },
  },
  {
    key: 'base-jingan-linfen',
    body: {
      name: '静安区临汾路街道社区社会组织服务中心',
      level: 'street',
      district: '310106',
      street: '310106021',
      address: '静安区兴业路66号',
    },
  },
];

/** One fixed login: what a person trying the demo types, and what the account is for. */
export interface DemoLogin {
  key: string;
  email: string;
  password: string;
  name: string;
  role: Role;
  /** For an operator: the base they run. */
  baseKey?: string;
  /** One line on what to try with it. */
  about: string;
}

const login = (local: string, rest: Omit<DemoLogin, 'email' | 'password'>): DemoLogin => ({
  email: `${local}@${DEMO_EMAIL_DOMAIN}`,
  password: DEMO_PASSWORD,
  ...rest,
});

export const demoLogins: DemoLogin[] = [
  login('resident', {
    key: 'demo-resident',
    name: '王秀英',
    role: 'resident',
    about: '社区居民：发布上门助餐需求，查看推荐的服务',
  }),
  login('organization', {
    key: 'demo-organization',
    name: '陈思远',
    role: 'organization',
    about: '已认证、入驻徐汇基地的社会服务机构：申请资助、对接居民需求',
  }),
  login('team', {
    key: 'demo-team',
    name: '李嘉怡',
    role: 'organization',
    about: '尚未登记的项目团队，等待运营方认证：寻求登记辅导和小额补贴',
  }),
  login('funder', {
    key: 'demo-funder',
    name: '周文华',
    role: 'funder',
    about: '基金会：发布带申请条件的项目资助，查看被排除的候选',
  }),
  login('company', {
    key: 'demo-company',
    name: '沈立新',
    role: 'funder',
    about: '企业：开放会议室、组织员工志愿者',
  }),
  login('operator', {
    key: 'demo-operator',
    name: '顾晓燕',
    role: 'operator',
    baseKey: 'base-xuhui',
    about: '徐汇区基地运营方：认证机构、管理场地、跟进逾期对接',
  }),
  login('operator.pudong', {
    key: 'demo-operator-pudong',
    name: '张海峰',
    role: 'operator',
    baseKey: 'base-pudong',
    about: '浦东新区基地运营方',
  }),
  login('operator.jingan', {
    key: 'demo-operator-jingan',
    name: '陆佳',
    role: 'operator',
    baseKey: 'base-jingan-linfen',
    about: '静安区临汾路街道基地运营方',
  }),
  login('bureau', {
    key: 'demo-bureau',
    name: '钱国强',
    role: 'bureau',
    about: '民政部门：查看各区、各基地统计，导出年度评估数据',
  }),
];

export interface DemoOrganization extends GeneratedOrganization {
  /** The base it is resident in (入驻), if any. */
  baseKey?: string;
}

/** The organizations behind the fixed logins, with the profiles the listing generator needs. */
export function demoCastOrganizations(): { organizations: DemoOrganization[]; profiles: OrgProfile[] } {
  const r = new Random('resourcelink-demo-credit-codes');
  const xuhui = districts.get('310104');
  const jingan = districts.get('310106');
  const pudong = districts.get('310115');
  const tianping = streets.get('310104003');
  const profiles: OrgProfile[] = [
    {
      key: 'demo-org-yihe',
      role: 'organization',
      name: '上海市徐汇区颐禾社会工作服务中心',
      brand: '颐禾',
      type: 'social-service',
      foundedYear: 2016,
      district: xuhui,
      street: tianping,
      domains: ['elderly', 'mental-health'],
      registered: true,
    },
    {
      key: 'demo-org-ginkgo',
      role: 'organization',
      name: '天平路街道银杏志愿服务队',
      brand: '银杏',
      type: 'project-team',
      foundedYear: 2024,
      district: xuhui,
      street: tianping,
      domains: ['elderly', 'volunteering'],
      registered: false,
    },
    {
      key: 'demo-funder-mulan',
      role: 'funder',
      name: '上海沐澜公益基金会',
      brand: '沐澜',
      type: 'foundation',
      foundedYear: 2012,
      district: jingan,
      street: streets.get('310106012'),
      domains: ['elderly', 'child-welfare', 'disability'],
      registered: true,
    },
    {
      key: 'demo-funder-lanhe',
      role: 'funder',
      name: '上海澜禾数智科技有限公司',
      brand: '澜禾',
      type: 'enterprise',
      foundedYear: 2015,
      district: pudong,
      street: streets.get('310115503'),
      domains: ['education', 'elderly', 'environment'],
      registered: true,
    },
  ];
  const [yihe, ginkgo, mulan, lanhe] = profiles as [OrgProfile, OrgProfile, OrgProfile, OrgProfile];
  const organizations: DemoOrganization[] = [
    {
      key: yihe.key,
      ownerKey: 'demo-organization',
      verified: true,
      grade: 4,
      baseKey: 'base-xuhui',
      body: {
        name: yihe.name,
        type: yihe.type,
        creditCode: creditCode(r, 'social-service', 'civil-affairs', '310104'),
        domains: [...yihe.domains],
        district: xuhui.code,
        street: tianping.code,
        grade: 4,
        phone: '021-06400000',
        contactEmail: `yihe@${DEMO_EMAIL_DOMAIN}`,
        description:
          '上海市徐汇区颐禾社会工作服务中心成立于2016年，是在徐汇区民政局登记的社会服务机构，入驻徐汇区社会组织培育基地。' +
          '机构扎根天平路街道，为辖区独居、高龄老人提供上门助餐、居家探访和心理疏导服务，现有专职社工11人，注册志愿者260余人。',
      },
    },
    {
      key: ginkgo.key,
      ownerKey: 'demo-team',
      verified: false,
      grade: null,
      body: {
        name: ginkgo.name,
        type: ginkgo.type,
        domains: [...ginkgo.domains],
        district: xuhui.code,
        street: tianping.code,
        description:
          '由天平路街道退休居民自发组建的志愿服务队，核心成员8人，每周为楼里的老人送餐、读报、陪聊，正在筹备登记为社区社会组织。',
      },
    },
    {
      key: mulan.key,
      ownerKey: 'demo-funder',
      verified: true,
      grade: 5,
      body: {
        name: mulan.name,
        type: mulan.type,
        creditCode: creditCode(r, 'foundation', 'civil-affairs', '310000'),
        domains: [...mulan.domains],
        district: jingan.code,
        street: mulan.street!.code,
        grade: 5,
        contactEmail: `grants@${DEMO_EMAIL_DOMAIN}`,
        description:
          '上海沐澜公益基金会成立于2012年，业务主管单位为上海市民政局，重点资助养老、儿童福利和助残领域的社区公益项目，累计资助社会组织120余家。',
      },
    },
    {
      key: lanhe.key,
      ownerKey: 'demo-company',
      verified: true,
      grade: null,
      body: {
        name: lanhe.name,
        type: lanhe.type,
        creditCode: creditCode(r, 'enterprise', 'market', '310115'),
        domains: [...lanhe.domains],
        district: pudong.code,
        street: lanhe.street!.code,
        description:
          '上海澜禾数智科技有限公司成立于2015年，总部位于张江。公司每年开放园区会议室、组织员工志愿服务，支持教育、养老和环保公益。',
      },
    },
  ];
  return { organizations, profiles };
}
