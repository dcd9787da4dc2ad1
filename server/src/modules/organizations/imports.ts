import mongoose, { trusted } from 'mongoose';
import type { CreateOrganizationBody } from '@app/shared';
import type { AppContext } from '../../context.js';
import { conflict } from '../../lib/errors.js';
import type { UserRecord } from '../users/model.js';
import { OrganizationModel, type OrganizationRecord } from './model.js';
import './events.js';

/*
 * What the spreadsheet import asks of the organizations module: which credit codes are taken, the organizations
 * some codes name, and the creation of an organization by a staff account (no member yet: its people join it with
 * an invitation later).
 */

/** The credit codes among these that an organization already has. */
export async function takenCreditCodes(codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await OrganizationModel.find({ creditCode: trusted({ $in: codes }) })
    .select({ creditCode: 1 })
    .lean();
  return new Set(rows.map((r) => r.creditCode!));
}

/** The organizations with these credit codes, by code. */
export async function organizationsByCreditCode(
  codes: string[],
): Promise<Map<string, Pick<OrganizationRecord, '_id' | 'baseId' | 'district' | 'street'>>> {
  if (!codes.length) return new Map();
  const rows = await OrganizationModel.find({ creditCode: trusted({ $in: codes }) })
    .select({ creditCode: 1, baseId: 1, district: 1, street: 1 })
    .lean<Pick<OrganizationRecord, '_id' | 'creditCode' | 'baseId' | 'district' | 'street'>[]>();
  return new Map(rows.map(({ creditCode, ...org }) => [creditCode!, org]));
}

/** Creates one imported organization, whole or not at all, and tells subscribers (the audit log) who did. */
export async function importOrganization(
  ctx: AppContext,
  actor: UserRecord,
  body: CreateOrganizationBody,
): Promise<OrganizationRecord> {
  const org = await mongoose.connection.transaction(async (session) => {
    if (body.creditCode && (await OrganizationModel.exists({ creditCode: body.creditCode }).session(session)))
      throw conflict('organization.creditCodeTaken');
    const [created] = await OrganizationModel.create([{ ...body, createdBy: actor._id }], { session });
    return created!.toObject();
  });
  ctx.events.emit('organization.created', { organizationId: String(org._id), actorId: String(actor._id) });
  return org;
}
