/** Valid calls of the bases area: bases, entry review (admissions), residencies. */
import { buildOrganization } from '../../factories.js';
import { RUBRIC } from '../subjects/bases.js';
import { id, unique, type Recipes } from './recipe.js';

export const baseRecipes: Recipes = {
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
};
