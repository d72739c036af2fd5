import { z } from 'zod';
import { accountStatusSchema, networkSchema, organizationKindSchema, sectorSchema } from '@most/shared';
import { applicabilitySchema, CRITERION_GROUPS, thresholdsSchema } from './methodology/types';
import { OFFICIAL_CHECK_REASON_RU, type OfficialCheckReason } from './official-check';
import { editionCriteriaSchema, editionFiltersSchema, editionViewRowSchema } from './ranking/edition-view';
import { editionBriefSchema, rankingHistoryItemSchema, trendPointSchema } from './ranking/insight-schemas';
import { TREND_STEPS } from './ranking/insights';
import { organizationScoreItemSchema } from './ranking/organization-scores';

/**
 * The JSON bodies the open-data API (/api/public/v1) answers, declared once: the API builds its
 * bodies as these schemas' input, the OpenAPI document is generated from them, a test parses every
 * real answer with them, and the dashboard reads the types inferred below. Browser-safe: zod and
 * the domain's pure modules only, so the dashboard never bundles server code through this file.
 */

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional(), requestId: z.string().optional() }),
});

/** A published edition with its addresses (list and edition page). */
export const publicEditionSummarySchema = editionBriefSchema.extend({
  publishedAt: z.iso.datetime().nullable(),
  url: z.url(),
  jsonUrl: z.url(),
  csvUrl: z.url(),
});

export const editionsBodySchema = z.object({ editions: z.array(publicEditionSummarySchema) });

export const embedSnippetSchema = z.object({ url: z.url(), html: z.string().describe('Код для вставки на сайт') });

export const editionViewBodySchema = z.object({
  edition: publicEditionSummarySchema,
  criteria: editionCriteriaSchema,
  filters: editionFiltersSchema,
  ranked: z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), rows: z.array(editionViewRowSchema) }),
  notEnoughData: z.array(editionViewRowSchema).describe('Не ранжируются'),
  embed: embedSnippetSchema,
});

export const organizationProfileBodySchema = z.object({
  code: z.string(),
  fullName: z.string(),
  shortName: z.string(),
  kind: organizationKindSchema,
  sector: sectorSchema,
  municipality: z.object({ code: z.string(), name: z.string() }).nullable(),
  parent: z.object({ code: z.string(), shortName: z.string() }).nullable(),
  website: z.string().nullable(),
  accounts: z.array(z.object({ network: networkSchema, url: z.string(), status: accountStatusSchema, read: z.boolean().describe('Записи страницы хотя бы раз прочитаны') })),
  rankings: z.array(rankingHistoryItemSchema),
  scores: z.array(organizationScoreItemSchema).describe('Баллы организации по периодам (среднее по её аккаунтам с достаточными данными)'),
});

export const organizationSearchBodySchema = z.object({
  organizations: z.array(
    z.object({ code: z.string(), shortName: z.string(), fullName: z.string(), municipalityName: z.string().nullable(), pages: z.array(z.object({ network: networkSchema, url: z.string() })) }),
  ),
});

export const trendsBodySchema = z.object({ organizationCode: z.string(), by: z.enum(TREND_STEPS), points: z.array(trendPointSchema).describe('От старых к новым') });

export const publicMethodologySchema = z.object({
  version: z.number().int(),
  locked: z.boolean().describe('Используется опубликованным рейтингом и больше не меняется'),
  title: z.string(),
  titleEn: z.string(),
  effectiveFrom: z.iso.date(),
  partialShare: z.number(),
  minimumCoverage: z.number(),
  criteria: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      titleEn: z.string(),
      description: z.string(),
      group: z.enum(CRITERION_GROUPS),
      weight: z.number(),
      kind: z.enum(['automatic', 'manual']),
      thresholds: thresholdsSchema,
      rule: z.string(),
      norm: z.string(),
      applicability: applicabilitySchema,
      networkLimits: z.array(z.object({ network: networkSchema, reason: z.string() })),
    }),
  ),
});

export const methodologyBodySchema = z.object({ versions: z.array(publicMethodologySchema) });

const officialCheckReasons = Object.keys(OFFICIAL_CHECK_REASON_RU) as [OfficialCheckReason, ...OfficialCheckReason[]];

export const accountCheckBodySchema = z.object({
  input: z.string(),
  canonicalUrl: z.string().nullable(),
  official: z.boolean(),
  reasonCode: z.enum(officialCheckReasons).nullable().describe('Почему страница не признана официальной (машинный код); null — официальная'),
  reason: z.string().nullable().describe('То же по-русски, для людей'),
  account: z.object({ network: networkSchema, canonicalUrl: z.string(), status: accountStatusSchema }).nullable(),
  organization: z.object({ code: z.string(), shortName: z.string(), fullName: z.string() }).nullable(),
});

/** The types the dashboard reads, as the API answers them. */
export type PublicEditionSummary = z.output<typeof publicEditionSummarySchema>;
export type EditionListBody = z.output<typeof editionsBodySchema>;
export type EditionViewBody = z.output<typeof editionViewBodySchema>;
export type OrganizationProfile = z.output<typeof organizationProfileBodySchema>;
export type OrganizationSearchBody = z.output<typeof organizationSearchBodySchema>;
export type OfficialPagesMatch = OrganizationSearchBody['organizations'][number];
export type TrendsBody = z.output<typeof trendsBodySchema>;
export type PublicMethodologyVersion = z.output<typeof publicMethodologySchema>;
export type PublicMethodologyCriterion = PublicMethodologyVersion['criteria'][number];
export type MethodologyBody = z.output<typeof methodologyBodySchema>;
export type AccountCheckBody = z.output<typeof accountCheckBodySchema>;
