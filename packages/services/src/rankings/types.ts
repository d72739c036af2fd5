import { z } from 'zod';
import type { RankingRules } from '@most/domain';
import type { OrganizationKind, Sector } from '@most/shared';

export const editionCriterionSchema = z.object({
  code: z.string().min(1).max(100),
  name: z.string().max(300).default(''),
  weight: z.number().min(0),
});
export type EditionCriterion = z.output<typeof editionCriterionSchema>;

/** What an edition is built from: one organization's result for the period under one methodology version. */
export const organizationScoreSchema = z.object({
  organizationId: z.number().int().positive(),
  score: z.number().min(0).max(100).nullable(),
  enoughData: z.boolean(),
  criteria: z.array(z.object({ code: z.string(), score: z.number().min(0).max(100), weight: z.number().min(0) })),
  accountsScored: z.number().int().min(0),
  accountsTotal: z.number().int().min(0),
  sampleSize: z.number().int().min(0),
});
export type OrganizationScore = z.infer<typeof organizationScoreSchema>;

export const editionInputSchema = z
  .object({
    title: z.string().trim().min(3).max(300),
    periodStart: z.iso.date(),
    periodEnd: z.iso.date(),
    methodologyVersion: z.string().trim().min(1).max(50),
    criteria: z.array(editionCriterionSchema).max(200),
    slug: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{2,100}$/, 'lower-case latin letters, digits and -')
      .optional(),
  })
  .refine((e) => e.periodEnd >= e.periodStart, { path: ['periodEnd'], message: 'must not be before periodStart' });
export type EditionInput = z.input<typeof editionInputSchema>;

export type EditionStatus = 'draft' | 'published';

export interface EditionSummary {
  id: number;
  slug: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  methodologyVersion: string;
  status: EditionStatus;
  previousEditionSlug: string | null;
  createdAt: Date;
  publishedAt: Date | null;
}

export interface EditionRow {
  organizationId: number;
  organizationCode: string;
  organizationName: string;
  kind: OrganizationKind;
  sector: Sector;
  municipalityCode: string | null;
  municipalityName: string | null;
  score: number | null;
  enoughData: boolean;
  rank: number | null;
  previousRank: number | null;
  rankChange: number | null;
  previousScore: number | null;
  scoreChange: number | null;
  accountsScored: number;
  accountsTotal: number;
  sampleSize: number;
  criteria: { code: string; score: number; weight: number }[];
}

export interface Edition extends EditionSummary {
  criteria: EditionCriterion[];
  rows: EditionRow[];
  /** The methodology version's rules that withhold scores (null when the version is not stored). */
  rules: RankingRules | null;
}
