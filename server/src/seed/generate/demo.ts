/**
 * The demo data `npm start` loads into an empty database: three incubation bases, fixed logins for every role
 * (password `demo1234`, listed in `demoLogins` and server/src/seed/generate/README.md), their organizations and a dozen
 * hand-written listings that match each other, plus generated neighbours (seed 'resourcelink-demo') for about
 * 150 listings in all. Data only: the server's demo loader creates it through its services.
 */
import type { CreateListingBody } from '@app/shared';
import {
  DEMO_PASSWORD,
  demoBases,
  demoCastOrganizations,
  demoLogins,
  type DemoBase,
  type DemoLogin,
  type DemoOrganization,
} from './demoCast.js';
import { DEFAULT_NOW, generateAccounts, generateListings, type GeneratedUser } from './generate.js';
import type { GeneratedListing, Poster } from './listings.js';
import { Random } from './random.js';
import { isoUtc } from './text/format.js';

export { DEMO_PASSWORD, demoBases, demoLogins, type DemoBase, type DemoLogin, type DemoOrganization };

const DEMO_SEED = 'resourcelink-demo';
const DAY_MS = 86_400_000;

export interface DemoUser extends GeneratedUser {
  /** For an operator: the base they run. */
  baseKey?: string;
}

export interface DemoDataset {
  bases: DemoBase[];
  /** The fixed logins first (operators and the bureau among them), then generated accounts. */
  users: DemoUser[];
  organizations: DemoOrganization[];
  listings: GeneratedListing[];
}

/** The demo dataset; `now` (default DEFAULT_NOW) anchors when listings were posted and their windows. */
export function demoDataset(options: { now?: Date | string } = {}): DemoDataset {
  const now = new Date(options.now ?? DEFAULT_NOW);
  const cast = demoCastOrganizations();
  const baseDistricts = demoBases.map((b) => b.body.district);
  const generated = generateAccounts({
    seed: DEMO_SEED,
    organizations: 6,
    funders: 3,
    residents: 7,
    password: DEMO_PASSWORD,
    districts: baseDistricts,
    takenNames: cast.organizations.map((o) => o.body.name),
  });

  // Registered, verified organizations in a base's district are resident in that base.
  const baseOfDistrict = new Map(demoBases.map((b) => [b.body.district, b.key]));
  const generatedOrganizations: DemoOrganization[] = generated.organizations.map((o) => {
    const baseKey = baseOfDistrict.get(o.body.district);
    const resident = baseKey && o.verified && o.body.type !== 'enterprise' && o.body.type !== 'foundation';
    return resident ? { ...o, baseKey } : o;
  });

  const castPosters: Poster[] = cast.profiles.map((org) => ({
    key: cast.organizations.find((o) => o.key === org.key)!.ownerKey,
    role: org.role,
    org,
  }));
  const demoResident = demoLogins.find((l) => l.key === 'demo-resident')!;
  const tianping = cast.profiles[0]!;
  const posters = {
    resident: [
      {
        key: demoResident.key,
        role: 'resident' as const,
        home: { district: tianping.district, street: tianping.street! },
      },
      ...generated.posters.resident,
    ],
    organization: [
      ...castPosters.filter((p) => p.role === 'organization'),
      ...generated.posters.organization,
    ],
    funder: [...castPosters.filter((p) => p.role === 'funder'), ...generated.posters.funder],
  };

  const handMade = handWrittenListings(now);
  const rest = generateListings(
    new Random(DEMO_SEED).fork('listings'),
    posters,
    150 - handMade.length,
    now,
    'demo-listing',
  );
  return {
    bases: demoBases,
    users: [
      ...demoLogins.map(({ key, email, password, name, role, baseKey }) => ({
        key,
        email,
        password,
        name,
        role,
        ...(baseKey ? { baseKey } : {}),
      })),
      ...generated.users,
    ],
    organizations: [...cast.organizations, ...generatedOrganizations],
    listings: [...handMade, ...rest],
  };
}

/**
 * Listings of the fixed logins, written to pair up: the resident's meal need and the organization's meal service,
 * the organization's grant need and the foundation's grant (which it is eligible for), the team's needs and the
 * subsidy only project teams may take.
 */
function handWrittenListings(now: Date): GeneratedListing[] {
  const at = (days: number, hour = 9) =>
    isoUtc(Math.floor(now.getTime() / DAY_MS + days) * DAY_MS + (hour - 8) * 3_600_000);
  const listing = (
    key: string,
    ownerKey: string,
    postedDaysAgo: number,
    body: CreateListingBody,
  ): GeneratedListing => ({
    key,
    ownerKey,
    body,
    status: 'open',
    createdAt: at(-postedDaysAgo, 10),
  });
  const xuhui = { district: '310104', street: '310104003', location: { lat: 31.2062, lng: 121.4395 } };
  return [
    listing('demo-need-meals', 'demo-resident', 3, {
      side: 'need',
      kind: 'service',
      subkind: 'community-service',
      domains: ['elderly'],
      ...xuhui,
      title: '独居老人上门助餐',
      description:
        '我家楼上住着一位87岁的独居老人，子女都在外地，最近腿脚不便，下楼买菜做饭很吃力。' +
        '希望有社会组织或志愿者能每天中午送一顿热饭上门，费用老人可以自己承担一部分。\n时间：越快越好，最好长期。\n谢谢大家！',
      startsAt: at(2),
      endsAt: at(180, 18),
    }),
    listing('demo-need-companion', 'demo-resident', 10, {
      side: 'need',
      kind: 'talent',
      subkind: 'volunteer',
      domains: ['elderly', 'mental-health'],
      ...xuhui,
      capacity: 2,
      title: '周末陪老人聊聊天的志愿者',
      description:
        '小区里有几位长者平时很少出门，周末一个人在家特别孤单。想找两位志愿者每周六下午来陪他们聊聊天、读读报，一次一个小时就好。',
    }),
    listing('demo-offer-meals', 'demo-organization', 30, {
      side: 'offer',
      kind: 'service',
      subkind: 'community-service',
      domains: ['elderly'],
      ...xuhui,
      capacity: 30,
      title: '天平路街道长者上门助餐服务',
      description:
        '颐禾社工联合社区长者食堂，为天平路街道的独居、高龄老人提供工作日午餐送餐上门，每餐15元，低保老人由街道补贴。' +
        '社工每月上门探访一次，了解老人身体和情绪状况。目前还有30个名额。\n服务时间：每周一至周五11:00-12:00。',
      startsAt: at(-20),
      endsAt: at(330, 18),
    }),
    listing('demo-need-grant', 'demo-organization', 12, {
      side: 'need',
      kind: 'funding',
      subkind: 'grant',
      domains: ['elderly', 'mental-health'],
      ...xuhui,
      amount: { min: 50_000, max: 80_000 },
      title: '「颐禾食堂」长者助餐与陪伴项目寻求资助',
      description:
        '项目已为天平路街道120位独居老人提供助餐和探访服务。明年计划把服务扩展到湖南路街道，并增加心理疏导小组，' +
        '预算缺口5万-8万元，主要用于送餐员补贴、保温设备和小组活动物料。机构为4A级社会服务机构，可提供审计报告。',
      startsAt: at(30),
      endsAt: at(395, 18),
    }),
    listing('demo-need-drivers', 'demo-organization', 6, {
      side: 'need',
      kind: 'talent',
      subkind: 'volunteer',
      domains: ['elderly', 'volunteering'],
      ...xuhui,
      capacity: 10,
      title: '招募助餐配送志愿者10名',
      description:
        '工作日中午11点到12点，把午餐从长者食堂送到老人家中，每人每次负责5户左右。提供志愿者保险和服务时长记录，会骑电动车者优先。',
      startsAt: at(7),
      endsAt: at(200, 18),
    }),
    listing('demo-offer-grant', 'demo-funder', 20, {
      side: 'offer',
      kind: 'funding',
      subkind: 'grant',
      domains: ['elderly', 'disability'],
      district: '310106',
      amount: { min: 30_000, max: 100_000 },
      eligibility: { registeredOnly: true, minGrade: 3, districts: ['310104', '310106', '310115'] },
      title: '沐澜基金会2027年度社区养老与助残项目资助',
      description:
        '本基金会2027年度计划资助10个社区养老与助残项目，单个项目3万-10万元，项目周期一年。' +
        '重点支持独居老人助餐、居家探访、认知症照护和残障人士社区康复。\n申请条件：须为依法登记的社会组织；社会组织评估等级3A及以上；' +
        '服务地域限徐汇区、静安区、浦东新区。\n申报截止前请通过平台提交对接申请。',
      startsAt: at(10),
      endsAt: at(120, 18),
    }),
    listing('demo-offer-subsidy', 'demo-funder', 15, {
      side: 'offer',
      kind: 'funding',
      subkind: 'subsidy',
      domains: ['elderly', 'community-governance', 'volunteering'],
      district: '310104',
      amount: { min: 2000, max: 5000 },
      eligibility: { orgTypes: ['project-team'] },
      title: '居民自治团队活动经费小额补贴',
      description:
        '面向尚未登记的居民公益团队，每个团队补贴2000-5000元，可用于活动物料、场地和宣传。申请表一页纸，十个工作日内答复。\n申请条件：限项目团队申请。',
      startsAt: at(-5),
      endsAt: at(160, 18),
    }),
    listing('demo-offer-meeting-room', 'demo-company', 25, {
      side: 'offer',
      kind: 'venue',
      subkind: 'meeting-room',
      domains: ['education', 'environment', 'elderly'],
      district: '310115',
      street: '310115503',
      capacity: 30,
      title: '张江园区会议室公益开放（可容纳30人）',
      description:
        '公司位于张江的会议室可容纳30人，配有投影、视频会议设备和无障碍通道，工作日晚上和周末空闲，社会组织开会、培训可免费预约。',
      startsAt: at(-10),
      endsAt: at(355, 18),
    }),
    listing('demo-offer-volunteers', 'demo-company', 18, {
      side: 'offer',
      kind: 'talent',
      subkind: 'volunteer',
      domains: ['elderly', 'education'],
      district: '310115',
      capacity: 20,
      title: '员工志愿者结对养老服务项目',
      description:
        '澜禾每年组织员工志愿服务日，今年可出动20名员工志愿者，参与送餐、教老人用智能手机等服务，希望与社区和社会组织长期结对。',
      startsAt: at(14),
      endsAt: at(240, 18),
    }),
    listing('demo-need-registration', 'demo-team', 8, {
      side: 'need',
      kind: 'service',
      subkind: 'registration',
      domains: ['elderly', 'volunteering'],
      ...xuhui,
      title: '银杏志愿服务队注册登记辅导',
      description:
        '我们是天平路街道退休居民组成的志愿服务队，想注册成为社区社会组织，但对章程、业务主管单位和材料准备不熟悉，希望得到一对一辅导。',
    }),
    listing('demo-need-birthday', 'demo-team', 4, {
      side: 'need',
      kind: 'funding',
      subkind: 'subsidy',
      domains: ['elderly', 'community-governance'],
      ...xuhui,
      amount: { max: 3000 },
      title: '长者集体生日会活动经费',
      description:
        '每季度为楼里的老人办一次集体生日会，蛋糕、长寿面和小礼物大约需要3000元，之前都是队员自掏腰包，希望能申请一点补贴。',
      startsAt: at(20),
      endsAt: at(20, 17),
    }),
  ];
}
