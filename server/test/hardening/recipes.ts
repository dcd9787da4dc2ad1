/**
 * A valid call of every route: path parameters, query and body that pass validation, so that only who calls
 * decides the outcome. The authorization matrix runs them for every caller; the fuzzer mutates them.
 * Keys are `METHOD /path` as in listRoutes(); a key may carry a variant after a space, e.g.
 * `GET /listings/:id (closed)`, for a second subject state.
 */
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { creditCodeCheckChar } from '@app/shared';
import { issueResetToken } from '../../src/modules/auth/passwordReset.js';
import { columns, headingOf } from '../../src/modules/imports/columns.js';
import { OrganizationModel } from '../../src/modules/organizations/model.js';
import { organizationService } from '../../src/modules/organizations/service.js';
import { buildOrganization, buildUser, TEST_PASSWORD } from '../factories.js';
import { RUBRIC } from './baseSubjects.js';
import { PNG_1X1, type Subject, type SubjectKind } from './subjects.js';
import type { Actor, Caller, World } from './world.js';
import { baseRecipes } from './baseRecipes.js';

export interface RecipeContext {
  world: World;
  caller: Caller;
  /** The signed-in caller; undefined when anonymous. */
  actor?: Actor;
  subject?: Subject;
}

export interface CallParts {
  params?: Record<string, string>;
  query?: Record<string, string | string[]>;
  body?: unknown;
  /** A multipart upload instead of a JSON body. */
  upload?: {
    field: string;
    filename: string;
    contentType: string;
    data: Buffer;
    fields?: Record<string, string>;
  };
}

export interface Recipe {
  /** What the route acts on; without one the route has one outcome per caller. */
  subject?: SubjectKind;
  /** The call changes the caller itself (session, password, organization): use a newly signed-in account. */
  fresh?: boolean;
  /**
   * The bureau sees a stranger's contact fields (it looks after every organization). An operator sees only those of
   * its own base's organizations, which are never the stranger's (world.ts), so it gets no exemption.
   */
  bureauSeesContact?: boolean;
  build(ctx: RecipeContext): CallParts | Promise<CallParts>;
}

const unique = () => randomBytes(5).toString('hex');
let creditSerial = 0;
/** A valid credit code: 52 social service agency or 53 foundation, registered in Xuhui. */
const creditCode = (prefix: '52' | '53') => {
  const first17 =
    `${prefix}310104${String(++creditSerial).padStart(6, '0')}${randomBytes(2).readUInt16BE() % 1000}`
      .padEnd(17, '7')
      .slice(0, 17);
  return first17 + creditCodeCheckChar(first17);
};

const id = (ctx: RecipeContext) => ({ id: ctx.subject!.id });

/** An import template of organizations with one row. */
async function organizationSheet(row: Record<string, string>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('机构');
  sheet.addRow(columns.organizations.map(headingOf));
  sheet.addRow(columns.organizations.map((c) => row[c.key] ?? null));
  return Buffer.from(await book.xlsx.writeBuffer());
}
const listingBody = (caller: Caller) => ({
  side: caller === 'resident' ? 'need' : 'offer',
  kind: caller === 'funder' ? 'funding' : 'service',
  ...(caller === 'funder' ? { subkind: 'grant', amount: { min: 1000, max: 5000 } } : {}),
  title: '社区长者助餐',
  description: '为天平路街道的独居老人每天送午餐。',
  domains: ['elderly'],
  district: '310104',
});

export const recipes: Record<string, Recipe> = {
  'GET /health': { build: () => ({}) },
  'GET /auth/csrf': { build: () => ({}) },
  'POST /auth/register': {
    fresh: true,
    build: () => ({
      body: {
        email: `new-${unique()}@example.org`,
        password: TEST_PASSWORD,
        name: '新居民',
        role: 'resident',
      },
    }),
  },
  'POST /auth/login': {
    fresh: true,
    build: async () => ({ body: { email: (await buildUser()).email, password: TEST_PASSWORD } }),
  },
  'POST /auth/logout': { fresh: true, build: () => ({}) },
  'GET /auth/me': { build: () => ({}) },
  'PATCH /auth/me': { build: () => ({ body: { name: '改过的名字', locale: 'en' } }) },
  'POST /auth/password-reset': {
    fresh: true,
    build: async () => ({ body: { email: (await buildUser()).email } }),
  },
  'POST /auth/password-reset/confirm': {
    fresh: true,
    build: async () => ({
      body: { token: await issueResetToken((await buildUser())._id), newPassword: 'another horse battery' },
    }),
  },
  'POST /auth/password': {
    fresh: true,
    build: () => ({ body: { currentPassword: TEST_PASSWORD, newPassword: 'another horse battery' } }),
  },
  'POST /admin/users': {
    build: ({ world }) => ({
      body: {
        email: `staff-${unique()}@example.org`,
        password: TEST_PASSWORD,
        name: '基地运营',
        role: 'operator',
        baseId: String(world.bases.own._id),
      },
    }),
  },
  'GET /staff': { build: () => ({ query: { role: 'operator' } }) },
  'POST /bases': {
    build: () => ({
      body: {
        name: '静安区社会组织培育基地',
        level: 'district',
        district: '310106',
        address: '静安区万航渡路100号',
        domains: ['elderly'],
        operatorOrganization: '静安区社会组织服务中心',
      },
    }),
  },
  'GET /bases': { build: () => ({ query: { page: '1', pageSize: '10' } }) },
  'GET /bases/:id': { subject: 'base', build: (ctx) => ({ params: id(ctx) }) },
  'PATCH /bases/:id': {
    subject: 'base',
    build: (ctx) => ({
      params: id(ctx),
      body: { description: '提供办公空间和能力建设培训', domains: ['elderly'] },
    }),
  },
  'GET /bases/:id/residents': {
    build: ({ world }) => ({ params: { id: String(world.bases.own._id) }, query: { status: 'incubating' } }),
  },
  'GET /bases/:id/overdue-matches': {
    subject: 'base',
    build: (ctx) => ({ params: id(ctx), query: { pageSize: '5' } }),
  },
  'POST /residencies/:id/graduate': {
    subject: 'residency',
    build: (ctx) => ({ params: id(ctx), body: { reason: '孵化期满，已独立运营' } }),
  },
  'POST /residencies/:id/exit': {
    subject: 'residency',
    build: (ctx) => ({ params: id(ctx), body: { reason: '机构迁出本区' } }),
  },
  'POST /bases/:id/applications': {
    // A new member's new organization each time: one open application per organization and base.
    fresh: true,
    build: async ({ world, actor, caller }) => {
      let organizationId = String(world.residentOfOwnBase.org!._id);
      if (actor && (caller === 'organization' || caller === 'funder')) {
        const org = await buildOrganization(actor.user, {
          name: `申请入驻的机构${unique()}`,
          type: caller === 'funder' ? 'foundation' : 'project-team',
        });
        organizationId = String(org._id);
      }
      return {
        params: { id: String(world.bases.other._id) },
        body: {
          organizationId,
          plan: '入驻后开展社区长者助餐服务，每年服务两千人次。',
          domains: ['elderly'],
        },
      };
    },
  },
  'GET /bases/:id/applications': {
    subject: 'base',
    build: (ctx) => ({ params: id(ctx), query: { status: 'submitted', pageSize: '5' } }),
  },
  'GET /applications/mine': { build: () => ({ query: { pageSize: '5' } }) },
  'GET /applications/pending-reviews': { build: () => ({ query: { pageSize: '5' } }) },
  'GET /applications/:id': { subject: 'application', build: (ctx) => ({ params: id(ctx) }) },
  'POST /applications/:id/panel': {
    subject: 'application',
    build: (ctx) => ({
      params: id(ctx),
      body: {
        reviewerIds: [String(ctx.world.actors.operator.user._id), String(ctx.world.actors.bureau.user._id)],
        rubric: RUBRIC,
        quorum: 1,
        passScore: 60,
      },
    }),
  },
  'POST /applications/:id/reviews': {
    subject: 'application-in-review',
    build: (ctx) => ({ params: id(ctx), body: { scores: { need: 7, team: 3 }, comment: '服务需求明确' } }),
  },
  'GET /applications/:id/reviews': {
    subject: 'application-in-review',
    build: (ctx) => ({ params: id(ctx) }),
  },
  'POST /applications/:id/decision': {
    subject: 'application-reviewed',
    build: (ctx) => ({ params: id(ctx), body: { outcome: 'admitted', reason: '计划扎实，团队稳定' } }),
  },
  'POST /applications/:id/withdraw': { subject: 'application', build: (ctx) => ({ params: id(ctx) }) },

  'POST /organizations': {
    fresh: true,
    build: ({ caller }) => ({
      body: {
        name: `新成立的服务社${unique()}`,
        type: caller === 'funder' ? 'foundation' : 'social-service',
        creditCode: creditCode(caller === 'funder' ? '53' : '52'),
        domains: ['elderly'],
        district: '310104',
        description: '服务社区长者',
      },
    }),
  },
  'GET /organizations': { build: () => ({ query: { pageSize: '5' } }) },
  'GET /organizations/:id': {
    subject: 'organization',
    bureauSeesContact: true,
    build: (ctx) => ({ params: id(ctx) }),
  },
  'PATCH /organizations/:id': {
    subject: 'organization',
    build: (ctx) => ({ params: id(ctx), body: { description: '更新后的简介' } }),
  },
  'POST /organizations/:id/verification': {
    subject: 'organization',
    bureauSeesContact: true,
    build: (ctx) => ({ params: id(ctx), body: { decision: 'verified' } }),
  },
  'POST /organizations/:id/documents': {
    subject: 'organization',
    build: (ctx) => ({
      params: id(ctx),
      upload: {
        field: 'file',
        filename: '登记证书.pdf',
        contentType: 'application/pdf',
        data: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'),
        fields: { kind: 'registration-certificate' },
      },
    }),
  },
  'GET /organizations/:id/documents/:documentId': {
    subject: 'document',
    build: (ctx) => ({ params: { id: ctx.subject!.id, documentId: ctx.subject!.documentId! } }),
  },
  'POST /organizations/:id/invitations': { subject: 'organization', build: (ctx) => ({ params: id(ctx) }) },
  'POST /organizations/join': {
    fresh: true,
    // A code of an organization the caller's role may join (a funder joins a foundation).
    build: async ({ world, caller }) => {
      const inviter = caller === 'funder' ? world.actors.funder : world.actors.organization;
      const { code } = await organizationService(world.server.ctx).createInvitation(
        inviter.user,
        String(inviter.user.organizationId),
      );
      return { body: { code } };
    },
  },
  'GET /organizations/:id/members': { subject: 'organization', build: (ctx) => ({ params: id(ctx) }) },

  'POST /listings': { build: ({ caller }) => ({ body: listingBody(caller) }) },
  'GET /listings/mine': { build: () => ({ query: { status: 'open', pageSize: '5' } }) },
  'GET /listings/:id': { subject: 'listing', build: (ctx) => ({ params: id(ctx) }) },
  'GET /listings/:id (closed)': { subject: 'closed-listing', build: (ctx) => ({ params: id(ctx) }) },
  'PATCH /listings/:id': {
    subject: 'listing',
    build: (ctx) => ({ params: id(ctx), body: { title: '改过的标题', street: '310104003' } }),
  },
  'POST /listings/:id/close': { subject: 'listing', build: (ctx) => ({ params: id(ctx) }) },
  'GET /search': {
    build: () => ({ query: { q: '老人 助餐', domain: ['elderly', 'disability'], sort: 'newest' } }),
  },
  'GET /listings/:id/matches': {
    subject: 'listing',
    build: (ctx) => ({ params: id(ctx), query: { limit: '3', locale: 'en' } }),
  },
  'GET /listings/:id/matches (closed)': { subject: 'closed-listing', build: (ctx) => ({ params: id(ctx) }) },
  'GET /listings/:id/coverage': { subject: 'need', build: (ctx) => ({ params: id(ctx) }) },

  'POST /matches': {
    subject: 'pair',
    build: ({ subject }) => ({
      body: { needId: subject!.needId, offerId: subject!.offerId, note: '我们可以帮忙' },
    }),
  },
  'GET /listings/:id/bundles': {
    subject: 'need',
    build: (ctx) => ({ params: id(ctx), query: { limit: '3' } }),
  },
  'POST /matches/bundle': {
    subject: 'bundle',
    build: ({ subject }) => ({
      body: { needId: subject!.needId, offerIds: subject!.offerIds, note: '一起资助' },
    }),
  },
  'GET /listings/:id/eligibility': { subject: 'listing', build: (ctx) => ({ params: id(ctx) }) },
  'GET /matches': { build: () => ({ query: { status: 'proposed' } }) },
  'GET /matches/:id': { subject: 'proposed-match', build: (ctx) => ({ params: id(ctx) }) },
  'POST /matches/:id/accept': { subject: 'proposed-match', build: (ctx) => ({ params: id(ctx) }) },
  'POST /matches/:id/decline': {
    subject: 'proposed-match',
    build: (ctx) => ({ params: id(ctx), body: { reason: '人手不够' } }),
  },
  'POST /matches/:id/complete': {
    subject: 'accepted-match',
    build: (ctx) => ({ params: id(ctx), body: { evidence: { summary: '已送餐三十次', amount: 3000 } } }),
  },
  'POST /matches/:id/review': {
    subject: 'completed-match',
    build: (ctx) => ({ params: id(ctx), body: { rating: 5, comment: '很及时' } }),
  },
  'POST /matches/:id/evidence-files': {
    subject: 'accepted-match',
    build: (ctx) => ({
      params: id(ctx),
      upload: {
        field: 'file',
        filename: '送餐现场.png',
        contentType: 'image/png',
        data: Buffer.from(PNG_1X1, 'base64'),
      },
    }),
  },
  'GET /matches/:id/evidence-files/:fileId': {
    subject: 'match-evidence',
    build: (ctx) => ({ params: { id: ctx.subject!.id, fileId: ctx.subject!.fileId! } }),
  },
  'GET /matches/:id/contact': { subject: 'accepted-match', build: (ctx) => ({ params: id(ctx) }) },
  'GET /matches/:id (overdue)': { subject: 'overdue-match', build: (ctx) => ({ params: id(ctx) }) },
  'POST /matches/:id/remind': {
    subject: 'overdue-match',
    build: (ctx) => ({ params: id(ctx), body: { note: '请尽快答复对方的提议' } }),
  },
  'GET /audit': { build: () => ({ query: { type: 'auth.loggedIn', pageSize: '5' } }) },
  'GET /stats': {
    build: ({ world }) => ({
      query: { from: '2026-01-01', to: '2026-06-30', baseId: String(world.bases.own._id), domain: 'elderly' },
    }),
  },
  'GET /imports/template': { build: () => ({ query: { type: 'listings' } }) },
  'POST /imports': {
    // A dry run of a template with one organization row: checked whole, nothing written.
    build: async () => ({
      query: { type: 'organizations', dryRun: 'true' },
      upload: {
        field: 'file',
        filename: '机构导入.xlsx',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        data: await organizationSheet({
          name: `导入的服务社${unique()}`,
          type: 'social-service',
          creditCode: creditCode('52'),
          domains: '养老服务',
          district: '徐汇区',
        }),
      },
    }),
  },
  'GET /stats/export': {
    build: ({ world }) => ({ query: { format: 'csv', year: '2026', baseId: String(world.bases.own._id) } }),
  },

  'GET /conversations': { build: () => ({ query: { page: '1', pageSize: '5' } }) },
  'POST /conversations': {
    // An operator opens one with an organization resident in its base; anyone else asks for a direct one with
    // another verified organization (refused to those without a verified organization of their own).
    build: async ({ world, caller }) => {
      if (caller !== 'operator')
        return { body: { kind: 'direct', organizationId: String(world.strangers.organization.org!._id) } };
      const resident = await OrganizationModel.create({
        name: `入驻基地的服务社${unique()}`,
        type: 'social-service',
        domains: ['elderly'],
        district: '310104',
        description: '入驻徐汇基地',
        createdBy: world.strangers.resident.user._id,
        baseId: world.bases.own._id,
      });
      return { body: { kind: 'base', organizationId: String(resident._id) } };
    },
  },
  'GET /conversations/:id/messages': {
    subject: 'conversation',
    build: (ctx) => ({ params: id(ctx), query: { limit: '20' } }),
  },
  'POST /conversations/:id/messages': {
    subject: 'conversation',
    build: (ctx) => ({ params: id(ctx), body: { body: '周三上午十点方便吗？', clientId: `c-${unique()}` } }),
  },
  'POST /conversations/:id/read': {
    subject: 'conversation',
    build: (ctx) => ({ params: id(ctx), body: { upTo: ctx.subject!.messageId! } }),
  },

  'GET /notifications': { build: () => ({ query: { unread: 'true', pageSize: '5' } }) },
  'POST /notifications/:id/read': { subject: 'notification', build: (ctx) => ({ params: id(ctx) }) },
  'POST /notifications/read-all': { build: () => ({}) },
  'POST /saved-searches': {
    build: () => ({ body: { name: '长者助餐', q: '助餐', side: 'offer', domain: ['elderly'] } }),
  },
  'GET /saved-searches': { build: () => ({}) },
  'DELETE /saved-searches/:id': { subject: 'saved-search', build: (ctx) => ({ params: id(ctx) }) },
  ...baseRecipes,
};

/** `METHOD /path` of a recipe or matrix key (the variant left off). */
export const routeOfKey = (key: string) => key.split(' ').slice(0, 2).join(' ');
