import { isStreetOfDistrict, type CreateBaseBody, type UpdateBaseBody } from '@app/shared';
import type { AppContext } from '../../context.js';
import { forbidden, notFound, validationFailed } from '../../lib/errors.js';
import type { UserRecord } from '../users/model.js';
import { BaseModel, type BaseRecord } from './model.js';
import { basePolicy as policy } from './policy.js';
import './events.js';

export async function findBase(id: string): Promise<BaseRecord> {
  const base = await BaseModel.findById(id).lean<BaseRecord>();
  if (!base) throw notFound('Base');
  return base;
}

export function baseService(ctx: AppContext) {
  return {
    async create(user: UserRecord, body: CreateBaseBody, ip?: string): Promise<BaseRecord> {
      if (!policy.canCreate(user)) throw forbidden('base.bureauCreates');
      const base = (await BaseModel.create({ ...body, createdBy: user._id })).toObject() as BaseRecord;
      ctx.events.emit('base.created', { baseId: String(base._id), actorId: String(user._id), ip });
      return base;
    },

    async update(user: UserRecord, id: string, body: UpdateBaseBody, ip?: string): Promise<BaseRecord> {
      const base = await findBase(id);
      const fields = Object.keys(body);
      if (!policy.canUpdate(user, base._id, fields)) {
        throw forbidden(policy.runs(user, base._id) ? 'base.operatorsEditProfile' : 'base.staffEdit');
      }
      const district = body.district ?? base.district;
      const street = body.street === undefined ? base.street : body.street;
      if (street && !isStreetOfDistrict(street, district)) {
        throw validationFailed('base.streetNotInDistrict', [
          { path: 'street', message: 'field.streetNotInDistrict', code: 'street_district' },
        ]);
      }
      const $set: Record<string, unknown> = {};
      const $unset: Record<string, 1> = {};
      for (const [key, value] of Object.entries(body)) {
        if (value === null) $unset[key] = 1;
        else if (value !== undefined) $set[key] = value;
      }
      // A moved base whose street is no longer in its district loses the street.
      if (
        body.district &&
        body.street === undefined &&
        base.street &&
        !isStreetOfDistrict(base.street, district)
      )
        $unset['street'] = 1;
      const updated = await BaseModel.findByIdAndUpdate(
        id,
        { $set, $unset },
        { returnDocument: 'after' },
      ).lean<BaseRecord>();
      if (!updated) throw notFound('Base');
      ctx.events.emit('base.updated', { baseId: id, fields, actorId: String(user._id), ip });
      return updated;
    },
  };
}
