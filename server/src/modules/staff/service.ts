import type { z } from 'zod';
import type { createStaffBodySchema } from '@app/shared';
import type { AppContext } from '../../context.js';
import { conflict, validationFailed } from '../../lib/errors.js';
import { hashPassword } from '../auth/password.js';
import { BaseModel } from '../bases/model.js';
import { UserModel, type UserRecord } from '../users/model.js';
import '../auth/events.js';

type StaffBody = z.infer<typeof createStaffBodySchema>;

export function staffService(ctx: Pick<AppContext, 'events'>) {
  return {
    /** Creates an operator (bound to one base) or a bureau account. Also used by `npm run create-admin`. */
    async createStaff(
      body: StaffBody,
      actor: Pick<UserRecord, '_id'> | undefined,
      ip?: string,
    ): Promise<UserRecord> {
      if (body.role === 'operator' && !(await BaseModel.exists({ _id: body.baseId }))) {
        throw validationFailed('staff.noSuchBase', [
          { path: 'baseId', message: 'field.noSuchBase', code: 'not_found' },
        ]);
      }
      if (await UserModel.exists({ email: body.email })) {
        throw conflict('auth.emailTaken', undefined, [
          { path: 'email', message: 'field.alreadyRegistered', code: 'duplicate' },
        ]);
      }
      const user = await UserModel.create({
        email: body.email,
        passwordHash: await hashPassword(body.password),
        name: body.name,
        role: body.role,
        ...(body.role === 'operator' ? { baseId: body.baseId } : {}),
        ...(actor ? { createdBy: actor._id } : {}),
      });
      ctx.events.emit('user.staffCreated', {
        userId: String(user._id),
        role: body.role,
        baseId: body.baseId,
        actorId: actor ? String(actor._id) : undefined,
        ip,
      });
      return user.toObject();
    },
  };
}
