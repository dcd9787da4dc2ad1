import mongoose from 'mongoose';
import type { AppContext } from '../../context.js';
import { conflict, forbidden, notFound } from '../../lib/errors.js';
import { OrganizationModel } from '../organizations/model.js';
import type { UserRecord } from '../users/model.js';
import { ResidencyModel, type ResidencyRecord } from './model.js';
import { residencyPolicy as policy } from './policy.js';
import './events.js';

/** How a residency ends: 出壳 (graduated) or 退出 (exited). */
export type ResidencyEnd = 'graduated' | 'exited';

export function residencyService(ctx: AppContext) {
  return {
    /**
     * Ends an incubating residency, with its reason; the record stays as history. The organization no longer
     * belongs to the base (its `baseId` goes, so its area's base looks after it again), in the same transaction.
     */
    async end(
      user: UserRecord,
      id: string,
      to: ResidencyEnd,
      reason: string,
      ip?: string,
    ): Promise<ResidencyRecord> {
      const found = await ResidencyModel.findById(id).lean<ResidencyRecord>();
      if (!found) throw notFound('Residency');
      if (!policy.canEnd(user, found)) throw forbidden('residency.operatorsEnd');
      if (found.status !== 'incubating') throw conflict('residency.alreadyEnded', { status: found.status });
      const ended = await mongoose.connection.transaction(async (session) => {
        const updated = await ResidencyModel.findOneAndUpdate(
          { _id: found._id, status: 'incubating' },
          { $set: { status: to, endedAt: new Date(), endReason: reason, endedBy: user._id } },
          { returnDocument: 'after', session },
        ).lean<ResidencyRecord>();
        if (!updated) throw conflict('residency.endedMeanwhile');
        await OrganizationModel.updateOne(
          { _id: found.organizationId, baseId: found.baseId },
          { $unset: { baseId: 1 } },
          { session },
        );
        return updated;
      });
      ctx.events.emit(to === 'graduated' ? 'residency.graduated' : 'residency.exited', {
        residencyId: id,
        baseId: String(found.baseId),
        organizationId: String(found.organizationId),
        reason,
        actorId: String(user._id),
        ip,
      });
      return ended;
    },
  };
}
