import mongoose, { trusted } from 'mongoose';
import {
  openApplicationStatuses,
  type ApplyBody,
  type DecideApplicationBody,
  type FormPanelBody,
  type SubmitReviewBody,
} from '@app/shared';
import type { AppContext } from '../../context.js';
import { conflict, forbidden, notFound, validationFailed } from '../../lib/errors.js';
import { isDuplicateKey } from '../../lib/duplicateKey.js';
import { translate } from '../../lib/messages/index.js';
import { findBase } from '../bases/service.js';
import { OrganizationModel, type OrganizationRecord } from '../organizations/model.js';
import { isIncubating } from '../residencies/facts.js';
import { ResidencyModel } from '../residencies/model.js';
import { UserModel, type UserRecord } from '../users/model.js';
import {
  ApplicationModel,
  ApplicationReviewModel,
  type ApplicationRecord,
  type ApplicationReviewRecord,
} from './model.js';
import { admissionPolicy as policy } from './policy.js';
import { scoreProblems, tallyOf, weightedScore } from './tally.js';
import type { ApplicationFact } from './events.js';
import './events.js';
import '../residencies/events.js';

export async function findApplication(id: string): Promise<ApplicationRecord> {
  const app = await ApplicationModel.findById(id).lean<ApplicationRecord>();
  if (!app) throw notFound('Application');
  return app;
}

/** An application the user may read, or a 404 that does not say whether it exists. */
export async function findReadableApplication(user: UserRecord | undefined, id: string) {
  const app = await findApplication(id);
  if (!policy.canRead(user, app)) throw notFound('Application');
  return app;
}

const factOf = (a: ApplicationRecord): ApplicationFact => ({
  applicationId: String(a._id),
  baseId: String(a.baseId),
  organizationId: String(a.organizationId),
});

const openStatus = { status: trusted({ $in: [...openApplicationStatuses] }) };

export function admissionService(ctx: AppContext) {
  return {
    read: findReadableApplication,

    /** The applications the reviewer has scored (or stood aside from). */
    async reviewedBy(user: UserRecord) {
      const rows = await ApplicationReviewModel.find({ reviewerId: user._id })
        .select({ applicationId: 1 })
        .lean<{ applicationId: ApplicationRecord['_id'] }[]>();
      return rows.map((r) => r.applicationId);
    },

    /** An organization applies to enter a base: one open application per organization and base, none while resident. */
    async apply(user: UserRecord, baseId: string, body: ApplyBody, ip?: string): Promise<ApplicationRecord> {
      const base = await findBase(baseId);
      const org = await OrganizationModel.findById(body.organizationId).lean<OrganizationRecord>();
      if (!org || !policy.canApply(user, org)) throw forbidden('admission.membersApply');
      if (await isIncubating(org._id, base._id)) throw conflict('admission.alreadyIncubating');
      if (await ApplicationModel.exists({ baseId: base._id, organizationId: org._id, ...openStatus }))
        throw conflict('admission.openApplication');
      try {
        const created = await ApplicationModel.create({
          baseId: base._id,
          organizationId: org._id,
          submittedBy: user._id,
          plan: body.plan,
          domains: body.domains ?? org.domains ?? [],
          status: 'submitted',
          open: true,
        });
        const app = created.toObject() as ApplicationRecord;
        ctx.events.emit('application.submitted', { ...factOf(app), actorId: String(user._id), ip });
        return app;
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('admission.openApplication');
        throw err;
      }
    },

    /** The base's operators form the panel: reviewers (operator and bureau accounts), rubric, quorum, pass score. */
    async formPanel(
      user: UserRecord,
      id: string,
      body: FormPanelBody,
      ip?: string,
    ): Promise<ApplicationRecord> {
      const app = await findReadableApplication(user, id);
      if (!policy.canManage(user, app)) throw forbidden('admission.operatorsPanel');
      if (app.status !== 'submitted') throw conflict('admission.panelOnSubmitted', { status: app.status });
      const reviewers = await UserModel.find({ _id: trusted({ $in: body.reviewerIds }) })
        .select({ role: 1 })
        .lean<Pick<UserRecord, '_id' | 'role'>[]>();
      const fit = new Set(reviewers.filter(policy.mayReview).map((r) => String(r._id)));
      const unfit = body.reviewerIds.filter((r) => !fit.has(r));
      if (unfit.length) {
        throw validationFailed('admission.reviewersStaff', [
          {
            path: 'reviewerIds',
            message: { key: 'field.notStaff', params: { ids: unfit.join(', ') } },
            code: 'not_staff',
          },
        ]);
      }
      const updated = await ApplicationModel.findOneAndUpdate(
        { _id: app._id, status: 'submitted' },
        {
          $set: {
            status: 'in_review',
            panel: { ...body, formedBy: user._id, formedAt: new Date() },
          },
        },
        { returnDocument: 'after' },
      ).lean<ApplicationRecord>();
      if (!updated) throw conflict('admission.panelMeanwhile');
      ctx.events.emit('application.panelFormed', {
        ...factOf(updated),
        reviewerIds: body.reviewerIds,
        quorum: body.quorum,
        actorId: String(user._id),
        ip,
      });
      return updated;
    },

    /** A panel member's review, once. A declared conflict, or membership of the applicant, recuses it. */
    async review(
      user: UserRecord,
      id: string,
      body: SubmitReviewBody,
    ): Promise<{ app: ApplicationRecord; review: ApplicationReviewRecord }> {
      const app = await findReadableApplication(user, id);
      if (!policy.isReviewer(user, app)) throw forbidden('admission.panelReviews');
      if (app.status !== 'in_review') throw conflict('admission.notInReview', { status: app.status });
      const rubric = app.panel!.rubric;
      const recused = Boolean(body.conflict) || policy.isApplicant(user, app);
      const problems = scoreProblems(rubric, body.scores, { requireAll: !recused });
      if (problems.length)
        throw validationFailed('admission.checkScores', problems, {
          problems: {
            'zh-CN': problems.map((p) => translate(p.message, 'zh-CN')).join('；'),
            en: problems.map((p) => translate(p.message, 'en')).join('; '),
          },
        });
      if (await ApplicationReviewModel.exists({ applicationId: app._id, reviewerId: user._id }))
        throw conflict('admission.alreadyReviewed');
      const weighted = weightedScore(rubric, body.scores);
      try {
        const created = await ApplicationReviewModel.create({
          applicationId: app._id,
          reviewerId: user._id,
          scores: body.scores,
          ...(body.comment ? { comment: body.comment } : {}),
          recused,
          ...(weighted !== null ? { weightedScore: weighted } : {}),
        });
        ctx.events.emit('application.reviewed', { ...factOf(app), recused, actorId: String(user._id) });
        return { app, review: created.toObject() as ApplicationReviewRecord };
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('admission.alreadyReviewed');
        throw err;
      }
    },

    async reviews(user: UserRecord, id: string) {
      const app = await findReadableApplication(user, id);
      if (!policy.canSeeReviews(user, app)) throw forbidden('admission.reviewsSeen');
      const reviews = await ApplicationReviewModel.find({ applicationId: app._id })
        .sort({ createdAt: 1, _id: 1 })
        .lean<ApplicationReviewRecord[]>();
      return { app, reviews };
    },

    /**
     * The decision, final: needs the quorum of counted (non-recused) reviews; records outcome, reason, who decided and
     * the tally; an admission opens the residency (incubating) and places the organization in the base, all in one
     * transaction.
     */
    async decide(
      user: UserRecord,
      id: string,
      body: DecideApplicationBody,
      ip?: string,
    ): Promise<ApplicationRecord> {
      const app = await findReadableApplication(user, id);
      if (!policy.canManage(user, app)) throw forbidden('admission.operatorsDecide');
      if (app.decision || app.status === 'admitted' || app.status === 'rejected')
        throw conflict('admission.decisionFinal');
      if (app.status !== 'in_review' || !app.panel)
        throw conflict('admission.decideInReview', { status: app.status });
      const reviews = await ApplicationReviewModel.find({ applicationId: app._id }).lean<
        ApplicationReviewRecord[]
      >();
      const tally = tallyOf(
        reviews.map((r) => ({ recused: r.recused, weightedScore: r.weightedScore ?? null })),
      );
      if (tally.counted < app.panel.quorum) {
        throw conflict('admission.quorum', { quorum: app.panel.quorum, counted: tally.counted }, [
          {
            path: 'quorum',
            message: { key: 'field.quorum', params: { quorum: app.panel.quorum, counted: tally.counted } },
            code: 'quorum',
          },
        ]);
      }
      if (body.outcome === 'admitted' && (await isIncubating(app.organizationId, app.baseId)))
        throw conflict('admission.alreadyIncubating');
      const now = new Date();
      const { decided, residencyId } = await mongoose.connection.transaction(async (session) => {
        const decided = await ApplicationModel.findOneAndUpdate(
          { _id: app._id, status: 'in_review' },
          {
            $set: {
              status: body.outcome,
              decision: { ...body, decidedBy: user._id, decidedAt: now, tally },
            },
            $unset: { open: 1 },
          },
          { returnDocument: 'after', session },
        ).lean<ApplicationRecord>();
        if (!decided) throw conflict('admission.decisionFinal');
        if (body.outcome !== 'admitted') return { decided, residencyId: undefined };
        const [residency] = await ResidencyModel.create(
          [
            {
              baseId: app.baseId,
              organizationId: app.organizationId,
              applicationId: app._id,
              status: 'incubating',
              admittedAt: now,
            },
          ],
          { session },
        );
        await OrganizationModel.updateOne(
          { _id: app.organizationId },
          { $set: { baseId: app.baseId } },
          { session },
        );
        return { decided, residencyId: String(residency!._id) };
      });
      const actor = { actorId: String(user._id), ip };
      ctx.events.emit('application.decided', {
        ...factOf(decided),
        outcome: body.outcome,
        reason: body.reason,
        tally,
        ...actor,
      });
      if (residencyId) ctx.events.emit('residency.started', { ...factOf(decided), residencyId, ...actor });
      return decided;
    },

    /** The applicant's members withdraw it before a decision. */
    async withdraw(user: UserRecord, id: string, ip?: string): Promise<ApplicationRecord> {
      const app = await findReadableApplication(user, id);
      if (!policy.canWithdraw(user, app)) throw forbidden('admission.withdrawMembers');
      const updated = await ApplicationModel.findOneAndUpdate(
        { _id: app._id, ...openStatus },
        { $set: { status: 'withdrawn', withdrawnAt: new Date() }, $unset: { open: 1 } },
        { returnDocument: 'after' },
      ).lean<ApplicationRecord>();
      if (!updated) throw conflict('admission.withdrawOpen', { status: app.status });
      ctx.events.emit('application.withdrawn', { ...factOf(updated), actorId: String(user._id), ip });
      return updated;
    },
  };
}
