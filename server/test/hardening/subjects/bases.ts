/**
 * Subjects of the bases area: a base, entry applications in each state, residencies. Each application and residency
 * is made fresh: an organization member's application goes to a base of its own (one open application per
 * organization and base), and an operator's to the base it runs, by an organization of its own.
 */
import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { ApplicationModel, ApplicationReviewModel } from '../../../src/modules/admissions/model.js';
import { OrganizationModel } from '../../../src/modules/organizations/model.js';
import { ResidencyModel } from '../../../src/modules/residencies/model.js';
import type { BaseRecord } from '../../../src/modules/bases/model.js';
import { buildBase } from '../../factories.js';
import type { Actor, World } from '../world.js';
import { subjectKinds, type Subject } from './subject.js';

const unique = () => randomBytes(4).toString('hex');

export const RUBRIC = [
  { key: 'need', label: '社会需求', weight: 3, max: 10 },
  { key: 'team', label: '团队能力', weight: 1, max: 5 },
];

/** A new organization (of a stranger member), for a subject that needs one no other subject uses. */
async function freshOrganization(world: World) {
  return OrganizationModel.create({
    name: `申请入驻的服务社${unique()}`,
    type: 'social-service',
    domains: ['elderly'],
    district: '310104',
    description: '社区长者服务',
    createdBy: world.strangers.resident.user._id,
  });
}

/** Where and by whom: the operator's base with a new organization, or a new base with the holder's organization. */
async function placeOf(
  world: World,
  holder: Actor,
): Promise<{ base: BaseRecord; organizationId: Types.ObjectId }> {
  if (holder.role === 'operator') {
    const base =
      String(holder.user.baseId) === String(world.bases.own._id) ? world.bases.own : world.bases.other;
    return { base, organizationId: (await freshOrganization(world))._id };
  }
  const base = await buildBase({
    name: `静安区培育基地${unique()}`,
    district: '310106',
    address: '静安区1号',
  });
  return { base, organizationId: holder.user.organizationId! };
}

async function applicationOf(
  world: World,
  kind: 'application' | 'application-in-review' | 'application-reviewed',
  holder: Actor,
): Promise<Subject> {
  const { base, organizationId } = await placeOf(world, holder);
  const baseOperator =
    String(base._id) === String(world.bases.own._id) ? world.actors.operator : world.strangers.operator;
  const panel =
    kind === 'application'
      ? {}
      : {
          panel: {
            reviewerIds: [baseOperator.user._id, world.actors.bureau.user._id],
            rubric: RUBRIC,
            quorum: 1,
            passScore: 60,
            formedBy: baseOperator.user._id,
            formedAt: new Date(),
          },
        };
  const app = await ApplicationModel.create({
    baseId: base._id,
    organizationId,
    submittedBy: holder.user._id,
    plan: '入驻后开展社区长者助餐服务，每年服务两千人次。',
    domains: ['elderly'],
    status: kind === 'application' ? 'submitted' : 'in_review',
    open: true,
    ...panel,
  });
  if (kind === 'application-reviewed') {
    await ApplicationReviewModel.create({
      applicationId: app._id,
      reviewerId: world.actors.bureau.user._id,
      scores: { need: 8, team: 4 },
      recused: false,
      weightedScore: 80,
    });
  }
  return { id: String(app._id), base, holders: [holder] };
}

/** An incubating residency in the holder's base (an operator's), of a new organization. */
async function residencyOf(world: World, holder: Actor): Promise<Subject> {
  const { base, organizationId } = await placeOf(world, holder);
  const residency = await ResidencyModel.create({
    baseId: base._id,
    organizationId,
    status: 'incubating',
    admittedAt: new Date(),
  });
  return { id: String(residency._id), base, holders: [holder] };
}

/** The base the holder runs (the other base for any but the operator of the own one). */
async function baseSubject(world: World, holder: Actor): Promise<Subject> {
  const base =
    holder.user.baseId && String(holder.user.baseId) === String(world.bases.own._id)
      ? world.bases.own
      : world.bases.other;
  return { id: String(base._id), base, holders: [holder] };
}

/**
 * An application: the applicant's members own it (colleague: a fellow member); an operator "owns" one made to the
 * base it runs; the bureau oversees every base, so it is only ever a stranger.
 */
const applicants = {
  owner: ['organization', 'funder', 'operator'],
  colleague: ['organization', 'funder'],
  stranger: 'organization',
} as const;

export const baseSubjects = subjectKinds({
  base: { owner: ['operator'], colleague: [], stranger: 'operator', build: baseSubject },
  application: { ...applicants, build: (world, holder) => applicationOf(world, 'application', holder) },
  'application-in-review': {
    ...applicants,
    build: (world, holder) => applicationOf(world, 'application-in-review', holder),
  },
  'application-reviewed': {
    ...applicants,
    build: (world, holder) => applicationOf(world, 'application-reviewed', holder),
  },
  // A residency: the operator owns those of its base.
  residency: { owner: ['operator'], colleague: [], stranger: 'operator', build: residencyOf },
});
