import { Schema, model, type InferSchemaType, type HydratedDocument, Types } from 'mongoose';
import { locales, roles } from '@app/shared';
import { forgetOnWrites } from '../../lib/recentlyRead.js';
import { recentUsers } from './recentUsers.js';

const userSchema = new Schema(
  {
    email: { type: String, required: true, lowercase: true, trim: true },
    passwordHash: { type: String, required: true },
    name: { type: String, required: true },
    role: { type: String, enum: roles.codes, required: true },
    organizationId: { type: Schema.Types.ObjectId, ref: 'Organization' },
    /** The incubation base an operator runs. */
    baseId: { type: Schema.Types.ObjectId, ref: 'Base' },
    phone: { type: String },
    /** The language the account chose; its messages and error answers use it. */
    locale: { type: String, enum: locales },
    /** Consecutive failed logins and the time before which login is refused. */
    failedLogins: { type: Number, default: 0 },
    lockedUntil: { type: Date },
    /** Bumped on password change: every session made before carries an older number and is ended. */
    authVersion: { type: Number, default: 0 },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true, strict: 'throw' },
);
userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ organizationId: 1 });
// Requests keep the users they read for a moment (recentUsers.ts): every write forgets what it may change.
forgetOnWrites(userSchema, recentUsers);

export type UserRecord = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };
export type UserDocument = HydratedDocument<UserRecord>;
export const UserModel = model('User', userSchema);
