import { z } from 'zod';
import { idSchema } from './common.js';
import { localeSchema, roleSchema, selfServiceRoles, type Role } from '../taxonomy/index.js';

/** Roles a bureau account gives to the accounts it creates. */
export const staffRoles = ['operator', 'bureau'] as const satisfies readonly Role[];

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email('must be an email address'))
  .transform((v) => v.toLowerCase());
export const passwordSchema = z.string().min(8, 'at least 8 characters').max(128, 'at most 128 characters');
export const personNameSchema = z.string().trim().min(1, 'required').max(50, 'at most 50 characters');

export const registerBodySchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  name: personNameSchema,
  role: z.enum(selfServiceRoles),
});
export type RegisterBody = z.infer<typeof registerBodySchema>;

export const loginBodySchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(128),
});

export const changePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: passwordSchema,
});

/** Ask for a password reset link by email. */
export const passwordResetRequestBodySchema = z.strictObject({ email: emailSchema });
/** Set a new password with the token of a reset link. */
export const passwordResetConfirmBodySchema = z.strictObject({
  token: z.string().min(20).max(100),
  newPassword: passwordSchema,
});

/** A bureau account creates operator and bureau accounts; an operator belongs to one incubation base. */
export const createStaffBodySchema = z
  .strictObject({
    email: emailSchema,
    password: passwordSchema,
    name: personNameSchema,
    role: z.enum(staffRoles),
    baseId: idSchema.optional(),
  })
  .refine((v) => v.role !== 'operator' || v.baseId, {
    path: ['baseId'],
    message: 'an operator needs a base',
  });

/** The user as the API shows it: to the user themself (with email) or to others (without). */
export const userSchema = z.object({
  id: z.string(),
  email: z.string().optional(),
  name: z.string(),
  role: roleSchema,
  organizationId: z.string().optional(),
  baseId: z.string().optional(),
  /** The language the account chose (its own view only). */
  locale: localeSchema.optional(),
});
export type User = z.infer<typeof userSchema>;

export const userEnvelopeSchema = z.object({ user: userSchema });
/** `GET /auth/me`: the signed-in account, or null when signed out (not an error). */
export const sessionUserEnvelopeSchema = z.object({ user: userSchema.nullable() });

/** One's own name and language. */
export const updateSelfBodySchema = z
  .strictObject({ name: personNameSchema, locale: localeSchema })
  .partial()
  .refine((v) => v.name !== undefined || v.locale !== undefined, { message: 'nothing to change' });
export type UpdateSelfBody = z.infer<typeof updateSelfBodySchema>;
export const csrfSchema = z.object({ token: z.string() });

/** Staff accounts to choose from (reviewers of a panel, a base's operators): by role and base. */
export const staffListQuerySchema = z.strictObject({
  role: z.enum(staffRoles).optional(),
  baseId: idSchema.optional(),
});
export const staffListSchema = z.object({ items: z.array(userSchema) });
