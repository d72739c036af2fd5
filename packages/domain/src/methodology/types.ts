import { z } from 'zod';
import { networkSchema, organizationKindSchema, sectorSchema } from '@most/shared';
import { slaPolicySchema } from '../sla/policy';

export const CRITERION_GROUPS = ['profile', 'activity', 'engagement', 'feedback', 'content'] as const;
export type CriterionGroup = (typeof CRITERION_GROUPS)[number];

/** What the automatic evaluators know how to measure; parameters tune them per methodology. */
export const METRICS = [
  'profile_field',
  'website_backlink',
  'comments_open',
  'posting_regularity',
  'er_post_vs_peers',
  'er_view_vs_peers',
  'response_rate',
  'share_within_sla',
  'median_first_response_hours',
] as const;
export type Metric = (typeof METRICS)[number];

export const PROFILE_FIELDS = ['description', 'website', 'phone', 'email', 'workingHours', 'postalAddress', 'headAccountUrl', 'avatarAndCover'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

const text = z.object({ ru: z.string().min(1), en: z.string().min(1) });

export const evaluationSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('automatic'),
    metric: z.enum(METRICS),
    parameters: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).default({}),
  }),
  z.object({
    kind: z.literal('manual'),
    /** Integer scale a monitor scores on, e.g. 0..2. */
    scale: z.object({ min: z.number().int(), max: z.number().int() }),
    guidance: text,
  }),
]);
export type CriterionEvaluation = z.infer<typeof evaluationSchema>;

/** Empty list = applies to every value. */
export const applicabilitySchema = z.object({
  networks: z.array(networkSchema).default([]),
  organizationKinds: z.array(organizationKindSchema).default([]),
  sectors: z.array(sectorSchema).default([]),
});
export type Applicability = z.infer<typeof applicabilitySchema>;

/**
 * Thresholds on the criterion's measured value. `higher` direction: value ≥ pass → pass,
 * value ≥ partial → partial, else fail; `lower`: value ≤ pass → pass, ≤ partial → partial.
 */
export const thresholdsSchema = z.object({
  direction: z.enum(['higher', 'lower']),
  pass: z.number(),
  partial: z.number(),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

export const criterionSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/),
  title: text,
  description: text,
  group: z.enum(CRITERION_GROUPS),
  weight: z.number().positive(),
  evaluation: evaluationSchema,
  applicability: applicabilitySchema,
  thresholds: thresholdsSchema,
});
export type CriterionDefinition = z.infer<typeof criterionSchema>;

export const methodologySchema = z
  .object({
    /** Monotonic version number; a published version never changes, edits make a new one. */
    version: z.number().int().positive(),
    title: text,
    effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** Share of the weight earned by a "partial" result. */
    partialShare: z.number().min(0).max(1),
    /** Below this share of applicable weight actually measured, the total is not published. */
    minimumCoverage: z.number().min(0).max(1),
    sla: slaPolicySchema,
    criteria: z.array(criterionSchema).min(1),
  })
  .refine((m) => new Set(m.criteria.map((c) => c.code)).size === m.criteria.length, 'criterion codes must be unique');
export type Methodology = z.infer<typeof methodologySchema>;
