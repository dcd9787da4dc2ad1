import { z } from 'zod';
import { idSchema, pageQuerySchema } from './common.js';
import {
  creditCodeSchema,
  districtCodeSchema,
  domainSchema,
  orgTypeSchema,
  streetCodeSchema,
  isStreetOfDistrict,
} from '../taxonomy/index.js';

export const verificationStatuses = ['pending', 'verified', 'rejected'] as const;
export const verificationStatusSchema = z.enum(verificationStatuses);

const streetBelongsToDistrict = (v: { district?: string; street?: string | null }) =>
  !v.street || !v.district || isStreetOfDistrict(v.street, v.district);

const organizationFields = {
  name: z.string().trim().min(2, 'at least 2 characters').max(80, 'at most 80 characters'),
  type: orgTypeSchema,
  creditCode: creditCodeSchema.optional(),
  domains: z.array(domainSchema).min(1, 'choose at least one domain').max(8),
  district: districtCodeSchema,
  street: streetCodeSchema.optional(),
  description: z.string().trim().max(2000, 'at most 2000 characters').default(''),
  grade: z.number().int().min(1).max(5).nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{5,20}$/, 'must be a phone number')
    .optional(),
  contactEmail: z.email().max(254).optional(),
};

export const createOrganizationBodySchema = z
  .strictObject(organizationFields)
  .refine(streetBelongsToDistrict, { path: ['street'], message: 'the street is not in that district' })
  .refine((v) => v.type === 'project-team' || v.creditCode, {
    path: ['creditCode'],
    message: 'a registered organization needs its unified social credit code',
  });
export type CreateOrganizationBody = z.infer<typeof createOrganizationBodySchema>;

export const updateOrganizationBodySchema = z
  .strictObject({
    name: organizationFields.name,
    creditCode: creditCodeSchema,
    domains: organizationFields.domains,
    district: organizationFields.district,
    street: organizationFields.street.unwrap().nullable(),
    description: organizationFields.description,
    grade: organizationFields.grade,
    phone: organizationFields.phone.unwrap().nullable(),
    contactEmail: organizationFields.contactEmail.unwrap().nullable(),
  })
  .partial()
  .refine(streetBelongsToDistrict, { path: ['street'], message: 'the street is not in that district' });
export type UpdateOrganizationBody = z.infer<typeof updateOrganizationBodySchema>;

export const verifyOrganizationBodySchema = z
  .strictObject({
    decision: z.enum(['verified', 'rejected']),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((v) => v.decision === 'verified' || (v.reason && v.reason.length > 0), {
    path: ['reason'],
    message: 'a rejection needs a reason',
  });

export const organizationDocumentSchema = z.object({
  id: z.string(),
  kind: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  uploadedAt: z.string(),
});

/** An organization as the API shows it; contact fields only to its members and the staff who look after it. */
export const organizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: orgTypeSchema,
  creditCode: z.string().optional(),
  domains: z.array(domainSchema),
  district: z.string(),
  street: z.string().optional(),
  description: z.string(),
  grade: z.number().nullable().optional(),
  registered: z.boolean(),
  verification: z.object({
    status: verificationStatusSchema,
    reason: z.string().optional(),
    decidedAt: z.string().optional(),
  }),
  baseId: z.string().optional(),
  phone: z.string().optional(),
  contactEmail: z.string().optional(),
  documents: z.array(organizationDocumentSchema).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organization = z.infer<typeof organizationSchema>;
export const organizationEnvelopeSchema = z.object({ organization: organizationSchema });

export const organizationIdParamsSchema = z.strictObject({ id: idSchema });
export const invitationSchema = z.object({ code: z.string(), expiresAt: z.string() });
export const joinOrganizationBodySchema = z.strictObject({ code: z.string().trim().min(10).max(64) });

export const organizationListQuerySchema = pageQuerySchema
  .extend({
    verification: verificationStatusSchema.optional(),
    domain: domainSchema.optional(),
    district: districtCodeSchema.optional(),
    type: orgTypeSchema.optional(),
  })
  .strict();
export const documentParamsSchema = z.strictObject({ id: idSchema, documentId: idSchema });
export const documentUploadFieldsSchema = z.strictObject({
  kind: z.enum(['registration-certificate', 'other']).default('registration-certificate'),
});
