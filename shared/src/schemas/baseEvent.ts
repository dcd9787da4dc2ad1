import { z } from 'zod';
import { idSchema, pageQuerySchema } from './common.js';
import { domainSchema } from '../taxonomy/index.js';

/** Trainings (能力建设培训), showcases (展示交流) and exchanges a base holds. */
export const baseEventKinds = ['training', 'showcase', 'exchange'] as const;
export const baseEventKindSchema = z.enum(baseEventKinds);
export type BaseEventKind = z.infer<typeof baseEventKindSchema>;
export const baseEventStatuses = ['scheduled', 'cancelled'] as const;
export const signUpStatuses = ['confirmed', 'waitlisted', 'cancelled'] as const;
export const signUpStatusSchema = z.enum(signUpStatuses);

const instant = z.iso.datetime({ offset: true });
const fields = {
  kind: baseEventKindSchema,
  title: z.string().trim().min(2).max(120),
  description: z.string().trim().max(4000),
  startsAt: instant,
  endsAt: instant,
  capacity: z.number().int().min(1).max(5000),
  spaceId: idSchema.optional(),
  place: z.string().trim().max(200).optional(),
  domains: z.array(domainSchema).max(8).optional(),
};

export const createBaseEventBodySchema = z.strictObject(fields);
export type CreateBaseEventBody = z.infer<typeof createBaseEventBodySchema>;
export const updateBaseEventBodySchema = z
  .strictObject({ ...fields, spaceId: idSchema.nullable(), place: fields.place.nullable() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
export type UpdateBaseEventBody = z.infer<typeof updateBaseEventBodySchema>;

/** The caller's own sign-up: its status and, while waitlisted, its place in the queue (1 = next). */
export const myRegistrationSchema = z.object({
  id: idSchema,
  status: signUpStatusSchema,
  position: z.number().int().min(1).optional(),
  attended: z.boolean().optional(),
});
export type MyRegistration = z.infer<typeof myRegistrationSchema>;

export const baseEventSchema = z.object({
  id: idSchema,
  baseId: idSchema,
  baseName: z.string().optional(),
  kind: baseEventKindSchema,
  title: z.string(),
  description: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  capacity: z.number().int(),
  spaceId: idSchema.optional(),
  spaceName: z.string().optional(),
  place: z.string().optional(),
  domains: z.array(domainSchema),
  status: z.enum(baseEventStatuses),
  confirmedCount: z.number().int(),
  waitlistCount: z.number().int(),
  myRegistration: myRegistrationSchema.optional(),
  createdAt: z.iso.datetime(),
});
export type BaseEvent = z.infer<typeof baseEventSchema>;
export const baseEventEnvelopeSchema = z.object({ event: baseEventSchema });

export const baseEventListQuerySchema = pageQuerySchema
  .extend({
    baseId: idSchema.optional(),
    kind: baseEventKindSchema.optional(),
    from: instant.optional(),
    to: instant.optional(),
  })
  .strict();

export const registrationEnvelopeSchema = z.object({ registration: myRegistrationSchema });

/** A sign-up as the base's staff see it. */
export const registrationSchema = z.object({
  id: idSchema,
  userId: idSchema,
  userName: z.string(),
  organizationName: z.string().optional(),
  status: signUpStatusSchema,
  position: z.number().int().optional(),
  attended: z.boolean().optional(),
  createdAt: z.iso.datetime(),
});
export type Registration = z.infer<typeof registrationSchema>;
export const registrationListSchema = z.object({ items: z.array(registrationSchema) });

export const attendanceBodySchema = z.strictObject({
  userIds: z.array(idSchema).min(1).max(500),
  present: z.boolean(),
});
export const attendanceResultSchema = z.object({
  updated: z.number().int(),
  notRegistered: z.array(idSchema),
});

/** One sign-up of the caller, with its event, for "my bookings and sign-ups". */
export const mySignUpSchema = z.object({ event: baseEventSchema, registration: myRegistrationSchema });
export const mySignUpsQuerySchema = pageQuerySchema.strict();

export const baseEventIdParamsSchema = z.strictObject({ id: idSchema });
