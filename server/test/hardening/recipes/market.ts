/** Valid calls of the market area: listings, matching (matches, bundles), messages, search and saved searches. */
import { OrganizationModel } from '../../../src/modules/organizations/model.js';
import { PNG_1X1 } from '../subjects/subject.js';
import type { Caller } from '../world.js';
import { id, unique, type Recipes } from './recipe.js';

const listingBody = (caller: Caller) => ({
  side: caller === 'resident' ? 'need' : 'offer',
  kind: caller === 'funder' ? 'funding' : 'service',
  ...(caller === 'funder' ? { subkind: 'grant', amount: { min: 1000, max: 5000 } } : {}),
  title: '社区长者助餐',
  description: '为天平路街道的独居老人每天送午餐。',
  domains: ['elderly'],
  district: '310104',
});

export const marketRecipes: Recipes = {
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

  'POST /saved-searches': {
    build: () => ({ body: { name: '长者助餐', q: '助餐', side: 'offer', domain: ['elderly'] } }),
  },
  'GET /saved-searches': { build: () => ({}) },
  'DELETE /saved-searches/:id': { subject: 'saved-search', build: (ctx) => ({ params: id(ctx) }) },
};
