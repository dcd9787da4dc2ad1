import { z } from 'zod';
import {
  baseLevelSchema,
  districtCodeSchema,
  isStreetOfDistrict,
  streetCodeSchema,
} from '../taxonomy/index.js';

export const createBaseBodySchema = z
  .strictObject({
    name: z.string().trim().min(2).max(80),
    level: baseLevelSchema,
    district: districtCodeSchema,
    street: streetCodeSchema.optional(),
    address: z.string().trim().max(200).optional(),
  })
  .refine((v) => !v.street || isStreetOfDistrict(v.street, v.district), {
    path: ['street'],
    message: 'the street is not in that district',
  });
export type CreateBaseBody = z.infer<typeof createBaseBodySchema>;

/** An incubation base (培育基地). */
export const baseSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: baseLevelSchema,
  district: z.string(),
  street: z.string().optional(),
  address: z.string().optional(),
  createdAt: z.string(),
});
export type Base = z.infer<typeof baseSchema>;
