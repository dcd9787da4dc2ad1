import { z } from 'zod';
import { orgTypeSchema } from '../taxonomy/index.js';
import { idSchema, pageQuerySchema } from './common.js';

/** Where a resident organization stands in a base: 在孵 (incubating), 出壳 (graduated) or 退出 (exited). */
export const residencyStatuses = ['incubating', 'graduated', 'exited'] as const;
export const residencyStatusSchema = z.enum(residencyStatuses);
export type ResidencyStatus = z.infer<typeof residencyStatusSchema>;

export const residentListQuerySchema = pageQuerySchema
  .extend({ status: residencyStatusSchema.optional() })
  .strict();

export const residencyIdParamsSchema = z.strictObject({ id: idSchema });

/** Why a residency ends: 出壳 (graduation) or 退出 (exit). */
export const endResidencyBodySchema = z.strictObject({ reason: z.string().trim().min(2).max(1000) });
export type EndResidencyBody = z.infer<typeof endResidencyBodySchema>;

/** An organization's stay in a base, from admission to graduation or exit; ended ones stay as history. */
export const residencySchema = z.object({
  id: z.string(),
  baseId: z.string(),
  organization: z.object({
    id: z.string(),
    name: z.string(),
    type: orgTypeSchema,
    grade: z.number().int().min(1).max(5).optional(),
  }),
  status: residencyStatusSchema,
  admittedAt: z.string(),
  endedAt: z.string().optional(),
  endReason: z.string().optional(),
  /** The entry application whose admission opened it. */
  applicationId: z.string().optional(),
});
export type Residency = z.infer<typeof residencySchema>;
export const residencyEnvelopeSchema = z.object({ residency: residencySchema });
