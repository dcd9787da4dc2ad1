import { Types, trusted } from 'mongoose';
import { BaseModel, type BaseRecord } from '../modules/bases/model.js';
import { ApplicationModel, ApplicationReviewModel } from '../modules/admissions/model.js';
import { weightedScore, tallyOf } from '../modules/admissions/tally.js';
import { OrganizationModel, type OrganizationRecord } from '../modules/organizations/model.js';
import { ResidencyModel } from '../modules/residencies/model.js';
import { UserModel, type UserRecord } from '../modules/users/model.js';

/*
 * The incubation-base part of the demo, loaded after the core dataset: the three bases' profiles, residents at
 * every stage (incubating, graduated, exited), and entry applications (one waiting for a panel, one in review with
 * the demo operator and bureau on its panel, one admitted, one rejected). Accounts and organizations are found by
 * the demo's emails and names.
 */

const DAY = 86_400_000;

const profiles: Record<string, Partial<BaseRecord>> = {
  徐汇区社会组织培育基地: {
    description:
      '徐汇区民政局设立的区级培育基地，为初创期社会组织和社区项目团队提供办公空间、登记辅导、能力建设培训和资源对接，重点培育养老服务与社区治理类组织。',
    domains: ['elderly', 'community-governance', 'volunteering'],
    operatorOrganization: '上海市徐汇区社会组织服务中心',
  },
  浦东新区公益组织孵化园: {
    description:
      '浦东新区的综合性公益孵化园，设有共享办公区、会议室和公益展示厅，围绕助残、儿童福利和心理健康开展特色孵化，定期举办公益项目路演。',
    domains: ['disability', 'child-welfare', 'mental-health'],
    operatorOrganization: '浦东新区社会组织发展中心',
  },
  静安区临汾路街道社区社会组织服务中心: {
    description:
      '临汾路街道的街镇级服务中心，扎根社区，培育居民自治团队和社区社会组织，提供活动场地预约、项目辅导和志愿者对接。',
    domains: ['community-governance', 'elderly'],
    operatorOrganization: '静安区临汾路街道社区服务社',
  },
};

const rubric = [
  { key: 'need', label: '社区需求与服务对象', weight: 3, max: 10 },
  { key: 'team', label: '团队能力', weight: 2, max: 10 },
  { key: 'plan', label: '入驻计划可行性', weight: 2, max: 10 },
  { key: 'fit', label: '与基地定位契合', weight: 1, max: 5 },
];
const plan =
  '入驻后在基地开展社区长者助餐与陪伴探访服务，计划一年内培育志愿者30名、服务老人2000人次，并参加基地的财务与项目管理培训，争取在孵化期内完成登记注册。';

const byEmail = (email: string) => UserModel.findOne({ email }).lean<UserRecord>();
const byName = (name: string) => OrganizationModel.findOne({ name }).lean<OrganizationRecord>();

export async function seedDemoBases(
  now = new Date(),
): Promise<{ residencies: number; applications: number }> {
  const bases = await BaseModel.find().lean<BaseRecord[]>();
  for (const base of bases) {
    const profile = profiles[base.name];
    if (profile) await BaseModel.updateOne({ _id: base._id }, { $set: profile });
  }
  const baseByName = new Map(bases.map((b) => [b.name, b]));
  const xuhui = baseByName.get('徐汇区社会组织培育基地');
  const pudong = baseByName.get('浦东新区公益组织孵化园');
  const jingan = baseByName.get('静安区临汾路街道社区社会组织服务中心');
  const [operator, pudongOperator, jinganOperator, bureau] = await Promise.all([
    byEmail('operator@demo.example.org'),
    byEmail('operator.pudong@demo.example.org'),
    byEmail('operator.jingan@demo.example.org'),
    byEmail('bureau@demo.example.org'),
  ]);
  if (!xuhui || !pudong || !jingan || !operator || !pudongOperator || !jinganOperator || !bureau)
    return { residencies: 0, applications: 0 };

  // Every organization the dataset placed in a base is incubating there, but for the first of each base (after the
  // demo's own), which graduated or exited, so that every stage shows.
  const residents = await OrganizationModel.find({ baseId: trusted({ $exists: true }) })
    .sort({ name: 1 })
    .lean<OrganizationRecord[]>();
  const ended = new Map<string, 'graduated' | 'exited'>();
  const endings = ['graduated', 'exited', 'graduated'] as const;
  [xuhui, pudong, jingan].forEach((base, i) => {
    const first = residents.find((o) => String(o.baseId) === String(base._id) && !o.name.includes('颐禾'));
    if (first) ended.set(String(first._id), endings[i]!);
  });
  const operatorOf = new Map(
    [xuhui, pudong, jingan].map((b, i) => [String(b._id), [operator, pudongOperator, jinganOperator][i]!]),
  );
  const residencies = residents.map((o, i) => {
    const end = ended.get(String(o._id));
    const admittedAt = new Date(now.getTime() - (200 + (i % 9) * 40) * DAY);
    return {
      baseId: o.baseId,
      organizationId: o._id,
      status: end ?? 'incubating',
      admittedAt,
      ...(end
        ? {
            endedAt: new Date(now.getTime() - (10 + i) * DAY),
            endReason:
              end === 'graduated' ? '孵化期满，已完成登记并独立运营' : '机构业务调整，主动申请退出基地',
            endedBy: operatorOf.get(String(o.baseId))!._id,
          }
        : {}),
    };
  });
  await ResidencyModel.insertMany(residencies);
  await OrganizationModel.updateMany(
    { _id: trusted({ $in: [...ended.keys()].map((id) => new Types.ObjectId(id)) }) },
    { $unset: { baseId: 1 } },
  );

  // Applicants: the demo project team (in review), and organizations resident in no base.
  const team = await byName('天平路街道银杏志愿服务队');
  const outside = await OrganizationModel.find({
    baseId: trusted({ $exists: false }),
    type: trusted({ $in: ['social-service', 'social-group', 'project-team'] }),
    name: trusted({ $ne: '天平路街道银杏志愿服务队' }),
  })
    .sort({ name: 1 })
    .lean<OrganizationRecord[]>()
    // Those never resident first; one that left a base may apply to another.
    .then((orgs) => [
      ...orgs.filter((o) => !ended.has(String(o._id))),
      ...orgs.filter((o) => ended.has(String(o._id))),
    ]);
  const member = async (org: OrganizationRecord) =>
    (await UserModel.findOne({ organizationId: org._id }).lean<UserRecord>())?._id ?? org.createdBy;
  let applications = 0;
  const apply = async (
    org: OrganizationRecord,
    base: BaseRecord,
    daysAgo: number,
    extra: Record<string, unknown>,
  ) => {
    applications++;
    const createdAt = new Date(now.getTime() - daysAgo * DAY);
    return ApplicationModel.create({
      baseId: base._id,
      organizationId: org._id,
      submittedBy: await member(org),
      plan,
      domains: org.domains,
      createdAt,
      ...extra,
    });
  };
  const panelOf = (reviewers: UserRecord[], formedBy: UserRecord, quorum: number) => ({
    reviewerIds: reviewers.map((r) => r._id),
    rubric,
    quorum,
    passScore: 60,
    formedBy: formedBy._id,
    formedAt: now,
  });
  const review = (
    applicationId: Types.ObjectId,
    reviewer: UserRecord,
    scores: Record<string, number>,
    recused = false,
  ) =>
    ApplicationReviewModel.create({
      applicationId,
      reviewerId: reviewer._id,
      scores,
      recused,
      weightedScore: weightedScore(rubric, scores) ?? undefined,
      comment: recused ? '本人曾为该机构提供督导，申请回避' : '服务需求明确，团队有社区经验',
    });

  if (team) {
    // In review: the demo operator and bureau have it waiting under 我的; the Pudong operator has scored.
    const app = await apply(team, xuhui, 6, {
      status: 'in_review',
      open: true,
      panel: panelOf([operator, bureau, pudongOperator], operator, 2),
    });
    await review(app._id, pudongOperator, { need: 8, team: 6, plan: 7, fit: 4 });
  }
  const [waiting, admittedOrg, rejectedOrg] = outside;
  if (waiting) await apply(waiting, xuhui, 2, { status: 'submitted', open: true });
  const decide = async (
    org: OrganizationRecord,
    base: BaseRecord,
    by: UserRecord,
    outcome: 'admitted' | 'rejected',
    scores: Record<string, number>[],
  ) => {
    const reviewers = [by, bureau];
    const app = await apply(org, base, 40, {
      status: 'in_review',
      open: true,
      panel: panelOf(reviewers, by, 2),
    });
    const made = await Promise.all(reviewers.map((r, i) => review(app._id, r, scores[i]!)));
    const tally = tallyOf(made.map((r) => ({ recused: r.recused, weightedScore: r.weightedScore ?? null })));
    const decidedAt = new Date(now.getTime() - 30 * DAY);
    const reason =
      outcome === 'admitted'
        ? '服务对象明确，入驻计划可行，团队具备社区服务经验，同意入驻'
        : '入驻计划与基地特色领域契合度不高，建议完善服务方案后再次申请';
    await ApplicationModel.updateOne(
      { _id: app._id },
      {
        $set: { status: outcome, decision: { outcome, reason, decidedBy: by._id, decidedAt, tally } },
        $unset: { open: 1 },
      },
    );
    if (outcome === 'admitted') {
      await ResidencyModel.create({
        baseId: base._id,
        organizationId: org._id,
        applicationId: app._id,
        status: 'incubating',
        admittedAt: decidedAt,
      });
      await OrganizationModel.updateOne({ _id: org._id }, { $set: { baseId: base._id } });
    }
  };
  if (admittedOrg)
    await decide(admittedOrg, pudong, pudongOperator, 'admitted', [
      { need: 9, team: 7, plan: 8, fit: 4 },
      { need: 8, team: 8, plan: 7, fit: 5 },
    ]);
  if (rejectedOrg)
    await decide(rejectedOrg, jingan, jinganOperator, 'rejected', [
      { need: 5, team: 4, plan: 4, fit: 2 },
      { need: 6, team: 5, plan: 3, fit: 2 },
    ]);
  return { residencies: residencies.length + (admittedOrg ? 1 : 0), applications };
}
