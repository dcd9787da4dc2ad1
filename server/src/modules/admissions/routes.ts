import { Router } from 'express';
import {
  applicationEnvelopeSchema,
  applicationIdParamsSchema,
  applicationListQuerySchema,
  applicationSchema,
  applyBodySchema,
  baseIdParamsSchema,
  decideApplicationBodySchema,
  formPanelBodySchema,
  pageOf,
  pageQuerySchema,
  reviewEnvelopeSchema,
  reviewListSchema,
  submitReviewBodySchema,
} from '@app/shared';
import { Types, trusted } from 'mongoose';
import { mountRoute } from '../../lib/http/route.js';
import type { AppContext } from '../../context.js';
import { forbidden } from '../../lib/errors.js';
import { findPage } from '../../lib/pagination.js';
import { currentUser, requireUser } from '../auth/authenticate.js';
import { findBase } from '../bases/service.js';
import { UserModel } from '../users/model.js';
import { ApplicationModel, type ApplicationRecord } from './model.js';
import { admissionPolicy as policy } from './policy.js';
import { presentReview } from './presenter.js';
import { admissionService } from './service.js';
import { presentApplicationFor, presentApplicationsFor } from './view.js';

/** Entry applications and their collective review (入驻集体评审). */
export function admissionRoutes(ctx: AppContext): Router {
  const router = Router();
  const admissions = admissionService(ctx);
  const tag = 'admissions';
  const params = applicationIdParamsSchema;
  const envelope = applicationEnvelopeSchema;
  const list = pageOf(applicationSchema);

  mountRoute(
    router,
    {
      method: 'post',
      path: '/bases/:id/applications',
      summary: 'Apply to enter a base, with a plan (a member of the organization)',
      tag,
      access: 'user',
      params: baseIdParamsSchema,
      body: applyBodySchema,
      response: envelope,
      status: 201,
    },
    [requireUser()],
    async ({ req, params, body }) => {
      const user = currentUser(req);
      return {
        application: await presentApplicationFor(user, await admissions.apply(user, params.id, body, req.ip)),
      };
    },
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/bases/:id/applications',
      summary: "A base's entry applications, newest first, by status (its operators, the bureau)",
      tag,
      access: ['operator', 'bureau'],
      params: baseIdParamsSchema,
      query: applicationListQuerySchema,
      response: list,
    },
    [requireUser(['operator', 'bureau'])],
    async ({ req, params, query }) => {
      const base = await findBase(params.id);
      if (!policy.canList(req.user, base._id)) throw forbidden('admission.listSeen');
      const filter = { baseId: base._id, ...(query.status ? { status: query.status } : {}) };
      return findPage(
        ApplicationModel,
        filter,
        { createdAt: -1, _id: -1 },
        query,
        (records: ApplicationRecord[]) => presentApplicationsFor(req.user, records),
      );
    },
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/applications/mine',
      summary: "The caller's organization's entry applications, newest first",
      tag,
      access: 'user',
      query: pageQuerySchema.strict(),
      response: list,
    },
    [requireUser()],
    async ({ req, query }) => {
      const user = currentUser(req);
      // Without an organization there is nothing to follow: an id that matches no application.
      const filter = {
        organizationId: user.organizationId ?? new Types.ObjectId('000000000000000000000000'),
      };
      return findPage(
        ApplicationModel,
        filter,
        { createdAt: -1, _id: -1 },
        query,
        (records: ApplicationRecord[]) => presentApplicationsFor(user, records),
      );
    },
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/applications/pending-reviews',
      summary: 'Applications in review on whose panel the caller sits and has not scored yet',
      tag,
      access: ['operator', 'bureau'],
      query: pageQuerySchema.strict(),
      response: list,
    },
    [requireUser(['operator', 'bureau'])],
    async ({ req, query }) => {
      const user = currentUser(req);
      const done = await admissions.reviewedBy(user);
      const filter = {
        'panel.reviewerIds': user._id,
        status: 'in_review',
        ...(done.length ? { _id: trusted({ $nin: done }) } : {}),
      };
      return findPage(
        ApplicationModel,
        filter,
        { createdAt: 1, _id: 1 },
        query,
        (records: ApplicationRecord[]) => presentApplicationsFor(user, records),
      );
    },
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/applications/:id',
      summary:
        'One application: all of it to staff and the panel; outcome, reason and mean score to the applicant',
      tag,
      access: 'user',
      params,
      response: envelope,
    },
    [requireUser()],
    async ({ req, params }) => {
      const app = await admissions.read(req.user, params.id);
      return { application: await presentApplicationFor(req.user, app) };
    },
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/applications/:id/panel',
      summary: "Form the review panel: reviewers, weighted rubric, quorum, pass score (its base's operators)",
      tag,
      access: ['operator'],
      params,
      body: formPanelBodySchema,
      response: envelope,
    },
    [requireUser(['operator'])],
    async ({ req, params, body }) => {
      const user = currentUser(req);
      return {
        application: await presentApplicationFor(
          user,
          await admissions.formPanel(user, params.id, body, req.ip),
        ),
      };
    },
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/applications/:id/reviews',
      summary: 'Score the application once (a reviewer on the panel); `conflict: true` stands aside',
      tag,
      access: ['operator', 'bureau'],
      params,
      body: submitReviewBodySchema,
      response: reviewEnvelopeSchema,
      status: 201,
    },
    [requireUser(['operator', 'bureau'])],
    async ({ req, params, body }) => {
      const user = currentUser(req);
      const { app, review } = await admissions.review(user, params.id, body);
      return { review: presentReview(review, app.panel!.rubric, user.name) };
    },
  );

  mountRoute(
    router,
    {
      method: 'get',
      path: '/applications/:id/reviews',
      summary: "Every review with its scores and weighted score (the base's operators, the bureau)",
      tag,
      access: ['operator', 'bureau'],
      params,
      response: reviewListSchema,
    },
    [requireUser(['operator', 'bureau'])],
    async ({ req, params }) => {
      const { app, reviews } = await admissions.reviews(currentUser(req), params.id);
      const names = new Map(
        (
          await UserModel.find({ _id: trusted({ $in: reviews.map((r) => r.reviewerId) }) })
            .select({ name: 1 })
            .lean()
        ).map((u) => [String(u._id), u.name]),
      );
      return {
        items: reviews.map((r) => presentReview(r, app.panel?.rubric ?? [], names.get(String(r.reviewerId)))),
      };
    },
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/applications/:id/decision',
      summary: 'Decide, finally, once the quorum of counted reviews is in; admitting opens the residency',
      tag,
      access: ['operator'],
      params,
      body: decideApplicationBodySchema,
      response: envelope,
    },
    [requireUser(['operator'])],
    async ({ req, params, body }) => {
      const user = currentUser(req);
      return {
        application: await presentApplicationFor(
          user,
          await admissions.decide(user, params.id, body, req.ip),
        ),
      };
    },
  );

  mountRoute(
    router,
    {
      method: 'post',
      path: '/applications/:id/withdraw',
      summary: "Withdraw an open application (the applicant's members)",
      tag,
      access: 'user',
      params,
      response: envelope,
    },
    [requireUser()],
    async ({ req, params }) => {
      const user = currentUser(req);
      return {
        application: await presentApplicationFor(user, await admissions.withdraw(user, params.id, req.ip)),
      };
    },
  );
  return router;
}
