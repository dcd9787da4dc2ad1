/** Valid calls of the accounts area: sign-in and passwords, staff accounts, organizations, notifications. */
import { issueResetToken } from '../../../src/modules/auth/passwordReset.js';
import { organizationService } from '../../../src/modules/organizations/service.js';
import { buildUser, TEST_PASSWORD } from '../../factories.js';
import { creditCode, id, unique, type Recipes } from './recipe.js';

export const accountRecipes: Recipes = {
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

  'GET /notifications': { build: () => ({ query: { unread: 'true', pageSize: '5' } }) },
  'POST /notifications/:id/read': { subject: 'notification', build: (ctx) => ({ params: id(ctx) }) },
  'POST /notifications/read-all': { build: () => ({}) },
};
