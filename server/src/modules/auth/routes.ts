import { Router } from 'express';
import { z } from 'zod';
import {
  changePasswordBodySchema,
  csrfSchema,
  loginBodySchema,
  passwordResetConfirmBodySchema,
  passwordResetRequestBodySchema,
  registerBodySchema,
  sessionUserEnvelopeSchema,
  updateSelfBodySchema,
  userEnvelopeSchema,
} from '@app/shared';
import { mountRoute } from '../../lib/http/route.js';
import type { AppContext } from '../../context.js';
import { presentSelf } from '../users/presenter.js';
import { currentUser, requireUser } from './authenticate.js';
import { csrfTokenFor } from './csrf.js';
import { perAddressLimit } from './rateLimits.js';
import { authService } from './service.js';
import { passwordResetService } from './passwordReset.js';

export function authRoutes(ctx: AppContext): Router {
  const router = Router();
  const auth = authService(ctx);
  const tag = 'auth';
  // Ten failed logins a minute from one address; the eleventh is a 429. Successful logins do not count.
  const loginLimit = perAddressLimit(10, 60_000, { failuresOnly: true });
  const registerLimit = perAddressLimit(20, 10 * 60_000);
  const resetLimit = perAddressLimit(10, 10 * 60_000);
  const resets = passwordResetService(ctx);
  const ok = z.object({ ok: z.literal(true) });

  mountRoute(
    router,
    {
      method: 'get',
      path: '/auth/csrf',
      summary: 'The CSRF token for this session',
      tag,
      access: 'public',
      response: csrfSchema,
    },
    [],
    ({ req }) => ({
      token: csrfTokenFor(req),
    }),
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/auth/register',
      summary: 'Create an account and sign in',
      tag,
      access: 'public',
      body: registerBodySchema,
      response: userEnvelopeSchema,
      status: 201,
    },
    [registerLimit],
    async ({ req, body }) => ({ user: presentSelf(await auth.register(req, body)) }),
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/auth/login',
      summary: 'Sign in',
      tag,
      access: 'public',
      body: loginBodySchema,
      response: userEnvelopeSchema,
    },
    [loginLimit],
    async ({ req, body }) => ({ user: presentSelf(await auth.login(req, body.email, body.password)) }),
  );

  mountRoute(
    router,
    { method: 'post', path: '/auth/logout', summary: 'Sign out', tag, access: 'public' },
    [],
    async ({ req, res }) => {
      await auth.logout(req);
      res.clearCookie('rl.sid');
    },
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/auth/me',
      summary:
        'The signed-in account, or `{ user: null }` when signed out (being signed out is not an error)',
      tag,
      access: 'public',
      response: sessionUserEnvelopeSchema,
    },
    [],
    ({ req }) => ({ user: req.user ? presentSelf(req.user) : null }),
  );

  mountRoute(
    router,
    {
      method: 'patch',
      path: '/auth/me',
      summary: "Change one's own name or language",
      tag,
      access: 'user',
      body: updateSelfBodySchema,
      response: userEnvelopeSchema,
    },
    [requireUser()],
    async ({ req, body }) => ({ user: presentSelf(await auth.updateSelf(currentUser(req), body)) }),
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/auth/password',
      summary: 'Change password; ends every other session',
      tag,
      access: 'user',
      body: changePasswordBodySchema,
      response: z.object({ ok: z.literal(true) }),
    },
    [requireUser()],
    async ({ req, body }) => {
      await auth.changePassword(req, currentUser(req), body.currentPassword, body.newPassword);
      return { ok: true as const };
    },
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/auth/password-reset',
      summary: 'Mail a one-time reset link to the account of this email (the answer is the same without one)',
      tag,
      access: 'public',
      body: passwordResetRequestBodySchema,
      response: ok,
      status: 202,
    },
    [resetLimit],
    async ({ req, body }) => {
      await resets.request(req, body.email);
      return { ok: true as const };
    },
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/auth/password-reset/confirm',
      summary:
        'Set a new password with a reset link (once, before it expires); ends every session of the account',
      tag,
      access: 'public',
      body: passwordResetConfirmBodySchema,
      response: ok,
    },
    [resetLimit],
    async ({ req, body }) => {
      await resets.confirm(req, body.token, body.newPassword);
      return { ok: true as const };
    },
  );
  return router;
}
