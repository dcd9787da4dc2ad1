import { trusted } from 'mongoose';
import { createHash, randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import type { CreateOrganizationBody, UpdateOrganizationBody } from '@app/shared';
import type { AppContext } from '../../context.js';
import { conflict, forbidden, notFound, validationFailed } from '../../lib/errors.js';
import { baseRunBy } from '../bases/runBy.js';
import { UserModel, type UserRecord } from '../users/model.js';
import { OrganizationModel, type OrganizationRecord } from './model.js';
import { organizationPolicy as policy } from './policy.js';
import './events.js';

const INVITATION_DAYS = 7;
const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

export async function findOrganization(id: string): Promise<OrganizationRecord> {
  const org = await OrganizationModel.findById(id).lean<OrganizationRecord>();
  if (!org) throw notFound('Organization');
  return org;
}

async function ensureCreditCodeFree(creditCode: string | undefined, exceptId?: string) {
  if (!creditCode) return;
  const taken = await OrganizationModel.exists({
    creditCode,
    ...(exceptId ? { _id: trusted({ $ne: exceptId }) } : {}),
  });
  if (taken) {
    throw conflict('organization.creditCodeTaken', undefined, [
      { path: 'creditCode', message: 'field.alreadyRegistered', code: 'duplicate' },
    ]);
  }
}

/** The verified facts an edit changes (name, credit code, a new grade): each sends the organization back to review. */
export function identityChanges(
  org: Pick<OrganizationRecord, 'name' | 'creditCode' | 'grade'>,
  body: UpdateOrganizationBody,
): ('name' | 'creditCode' | 'grade')[] {
  const changed: ('name' | 'creditCode' | 'grade')[] = [];
  if (body.name !== undefined && body.name !== org.name) changed.push('name');
  if (body.creditCode && body.creditCode !== org.creditCode) changed.push('creditCode');
  if (body.grade != null && body.grade !== (org.grade ?? null)) changed.push('grade');
  return changed;
}

export function organizationService(ctx: AppContext) {
  return {
    /** Creates the organization and makes the caller its first member, in one transaction. */
    async create(user: UserRecord, body: CreateOrganizationBody, ip?: string): Promise<OrganizationRecord> {
      if (!policy.canCreate(user)) throw forbidden('organization.createUnaffiliated');
      if (!policy.typeFitsRole(user.role, body.type)) {
        throw validationFailed('organization.typeMismatch', [
          {
            path: 'type',
            message: { key: 'field.typeNotForRole', params: { role: user.role } },
            code: 'type_role',
          },
        ]);
      }
      await ensureCreditCodeFree(body.creditCode);
      const org = await mongoose.connection.transaction(async (session) => {
        const [created] = await OrganizationModel.create([{ ...body, createdBy: user._id }], { session });
        const claimed = await UserModel.updateOne(
          { _id: user._id, organizationId: trusted({ $exists: false }) },
          { $set: { organizationId: created!._id } },
          { session },
        );
        if (claimed.modifiedCount !== 1) throw conflict('organization.alreadyMember');
        return created!.toObject();
      });
      ctx.events.emit('organization.created', {
        organizationId: String(org._id),
        actorId: String(user._id),
        ip,
      });
      return org;
    },

    async update(
      user: UserRecord | undefined,
      id: string,
      body: UpdateOrganizationBody,
      ip?: string,
    ): Promise<OrganizationRecord> {
      const org = await findOrganization(id);
      if (!policy.canUpdate(user, org)) throw forbidden('organization.membersEdit');
      await ensureCreditCodeFree(body.creditCode, id);
      const $set: Record<string, unknown> = {};
      const $unset: Record<string, 1> = {};
      for (const [key, value] of Object.entries(body)) {
        if (value === null) $unset[key] = 1;
        else if (value !== undefined) $set[key] = value;
      }
      // The organization's identity (its name, its credit code) and a new evaluation grade are what a base
      // verified: changed, they go back to review (pending) until staff verify them again. Until then the
      // organization is not "registered", so registered-only and minimum-grade offers stay closed to it: a member
      // must not open those doors by typing. Other fields (domains, place, description, contact) change freely.
      const reverify = identityChanges(org, body);
      if (reverify.length) $set['verification'] = { status: 'pending' };
      const updated = await OrganizationModel.findByIdAndUpdate(
        id,
        { $set, $unset },
        { returnDocument: 'after' },
      ).lean<OrganizationRecord>();
      if (!updated) throw notFound('Organization');
      ctx.events.emit('organization.updated', {
        organizationId: id,
        actorId: String(user!._id),
        changed: Object.keys(body).filter((k) => body[k as keyof UpdateOrganizationBody] !== undefined),
        ...(reverify.length ? { reverify } : {}),
        ip,
      });
      return updated;
    },

    async decideVerification(
      user: UserRecord,
      id: string,
      decision: 'verified' | 'rejected',
      reason: string | undefined,
      ip?: string,
    ) {
      const org = await findOrganization(id);
      if (!policy.canVerify(user, await baseRunBy(user), org)) throw forbidden('organization.verifiers');
      const updated = await OrganizationModel.findByIdAndUpdate(
        id,
        { $set: { verification: { status: decision, reason, decidedBy: user._id, decidedAt: new Date() } } },
        { returnDocument: 'after' },
      ).lean<OrganizationRecord>();
      if (!updated) throw notFound('Organization');
      ctx.events.emit('organization.verificationDecided', {
        organizationId: id,
        decision,
        reason,
        actorId: String(user._id),
        ip,
      });
      return updated;
    },

    /** A one-time code a member hands to a colleague, who joins with it within seven days. */
    async createInvitation(user: UserRecord, id: string) {
      const org = await findOrganization(id);
      if (!policy.isMember(user, org)) throw forbidden('organization.membersInvite');
      const code = randomBytes(18).toString('base64url');
      const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
      await OrganizationModel.updateOne(
        { _id: org._id },
        {
          $push: {
            invitations: {
              $each: [{ codeHash: hashCode(code), createdBy: user._id, expiresAt }],
              $slice: -20,
            },
          },
        },
      );
      return { code, expiresAt: expiresAt.toISOString() };
    },

    async join(user: UserRecord, code: string, ip?: string): Promise<OrganizationRecord> {
      if (user.organizationId) throw conflict('organization.alreadyMember');
      if (user.role !== 'organization' && user.role !== 'funder') throw forbidden('organization.joinRoles');
      const codeHash = hashCode(code);
      const live = { invitations: trusted({ $elemMatch: { codeHash, expiresAt: { $gt: new Date() } } }) };
      // Check first, then use the code up: a refused join leaves the invitation for the colleague it was meant for.
      const invited = await OrganizationModel.findOne(live).select({ type: 1 }).lean<OrganizationRecord>();
      if (!invited) throw notFound('Invitation');
      if (!policy.typeFitsRole(user.role, invited.type)) throw forbidden('organization.joinTypeMismatch');
      const org = await OrganizationModel.findOneAndUpdate(
        { _id: invited._id, ...live },
        { $pull: { invitations: { codeHash } } },
        { returnDocument: 'after' },
      ).lean<OrganizationRecord>();
      if (!org) throw notFound('Invitation');
      await UserModel.updateOne({ _id: user._id }, { $set: { organizationId: org._id } });
      ctx.events.emit('organization.memberJoined', {
        organizationId: String(org._id),
        userId: String(user._id),
        actorId: String(user._id),
        ip,
      });
      return org;
    },

    async members(user: UserRecord | undefined, id: string) {
      const org = await findOrganization(id);
      if (!policy.canSeePrivate(user, await baseRunBy(user), org))
        throw forbidden('organization.membersSeen');
      return UserModel.find({ organizationId: org._id }).sort({ _id: 1 }).limit(200).lean<UserRecord[]>();
    },
  };
}
