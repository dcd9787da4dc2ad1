import { z } from 'zod';
import {
  baseLevelSchema,
  districtCodeSchema,
  domainSchema,
  isStreetOfDistrict,
  streetCodeSchema,
} from '../taxonomy/index.js';
import { idSchema, pageQuerySchema } from './common.js';

const baseFields = {
  name: z.string().trim().min(2).max(80),
  level: baseLevelSchema,
  district: districtCodeSchema,
  street: streetCodeSchema.optional(),
  address: z.string().trim().min(2).max(200),
  description: z.string().trim().max(2000).optional(),
  /** A 特色基地's service domains. */
  domains: z.array(domainSchema).max(8).optional(),
  /** The organization that runs the base for the civil-affairs bureau (运营单位), by name. */
  operatorOrganization: z.string().trim().min(2).max(120).optional(),
};

const streetInDistrict = (v: { street?: string | null; district?: string }) =>
  !v.street || !v.district || isStreetOfDistrict(v.street, v.district);

export const createBaseBodySchema = z.strictObject(baseFields).refine(streetInDistrict, {
  path: ['street'],
  message: 'the street is not in that district',
});
export type CreateBaseBody = z.infer<typeof createBaseBodySchema>;

/**
 * A change to a base: its operators edit its profile (name, address, description, domains, operator organization);
 * where it is (level, district, street) decides which organizations it looks after, so only the bureau moves it.
 * `street: null` removes the street.
 */
export const updateBaseBodySchema = z
  .strictObject({
    ...baseFields,
    street: streetCodeSchema.nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' })
  .refine(streetInDistrict, { path: ['street'], message: 'the street is not in that district' });
export type UpdateBaseBody = z.infer<typeof updateBaseBodySchema>;

/** The profile fields an operator may change on its own base. */
export const baseProfileFields = [
  'name',
  'address',
  'description',
  'domains',
  'operatorOrganization',
] as const;

export const baseListQuerySchema = pageQuerySchema
  .extend({
    district: districtCodeSchema.optional(),
    level: baseLevelSchema.optional(),
  })
  .strict();

export const baseIdParamsSchema = z.strictObject({ id: idSchema });

/** An incubation base (培育基地), with what its public page counts. */
export const baseSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: baseLevelSchema,
  district: z.string(),
  street: z.string().optional(),
  address: z.string(),
  description: z.string(),
  domains: z.array(domainSchema),
  operatorOrganization: z.string().optional(),
  /** Organizations incubating (在孵) in the base now. */
  residentCount: z.number().int(),
  spaceCount: z.number().int(),
  upcomingEventCount: z.number().int(),
  createdAt: z.string(),
});
export type Base = z.infer<typeof baseSchema>;
export const baseEnvelopeSchema = z.object({ base: baseSchema });
