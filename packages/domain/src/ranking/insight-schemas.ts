import { z } from 'zod';

/**
 * The shapes of the public summaries (headline, movers, municipalities, comparison, history,
 * trends): declared once as zod schemas; the TypeScript types are inferred from them, and the
 * public API's OpenAPI document is generated from the same schemas.
 */

/** A figure that could not be stated honestly: machine code + Russian reason. */
export const notStatedSchema = z.object({
  status: z.literal('not_enough_data'),
  code: z.enum(['no_previous_edition', 'no_common_organizations', 'no_ranked_organizations', 'below_minimum_sample']),
  text: z.string(),
});

/** A number, or why it is not stated. */
const statedValueSchema = z.union([z.object({ status: z.literal('ok'), value: z.number() }), notStatedSchema]);

export const editionMoverSchema = z.object({
  organizationCode: z.string(),
  organizationName: z.string(),
  score: z.number(),
  scoreChange: z.number(),
  rank: z.number().int(),
  rankChange: z.number().int().nullable(),
});

export const moversSchema = z.union([z.object({ status: z.literal('ok'), improved: z.array(editionMoverSchema), fallen: z.array(editionMoverSchema), compared: z.number().int() }), notStatedSchema]);

/** An SLA figure set, or why it is not stated. */
export const slaSummarySchema = z.union([z.object({ status: z.literal('ok'), decided: z.number().int(), shareWithin24h: z.number(), medianFirstResponseMs: z.number().nullable() }), notStatedSchema]);

export const editionHeadlineSchema = z.object({
  organizations: z.number().int(),
  rankedOrganizations: z.number().int(),
  unrankedOrganizations: z.number().int(),
  pagesMonitored: z.number().int(),
  pagesScored: z.number().int(),
  /** The median score of ranked organizations; not stated when none is ranked. */
  medianScore: statedValueSchema,
  sla: slaSummarySchema,
  movers: moversSchema,
});

export const municipalitySummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  organizations: z.number().int(),
  rankedOrganizations: z.number().int(),
  /** Mean score of the ranked organizations; not stated when none is ranked. */
  averageScore: statedValueSchema,
  sla: slaSummarySchema,
  best: editionMoverSchema.nullable(),
  worst: editionMoverSchema.nullable(),
});

/** One cell of a comparison: the criterion's score, or "not measured" with the reason. */
export const comparedCellSchema = z.union([z.object({ status: z.literal('measured'), score: z.number() }), z.object({ status: z.literal('not_measured'), text: z.string() })]);

export const comparisonSchema = z.object({
  columns: z.array(z.object({ code: z.string(), name: z.string(), score: z.number().nullable(), rank: z.number().int().nullable(), unranked: z.string().nullable() })),
  criteria: z.array(z.object({ code: z.string(), name: z.string(), weight: z.number(), cells: z.array(comparedCellSchema) })),
});

/** One organization in one published edition: a line of its history (API and page share this type). */
export const rankingHistoryItemSchema = z.object({
  editionSlug: z.string(),
  editionTitle: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  methodologyVersion: z.string(),
  score: z.number().nullable(),
  enoughData: z.boolean(),
  rank: z.number().int().nullable(),
  rankedCount: z.number().int(),
  rankChange: z.number().int().nullable(),
  scoreChange: z.number().nullable(),
  accountsScored: z.number().int(),
  accountsTotal: z.number().int(),
  sampleSize: z.number().int(),
  criteria: z.array(z.object({ code: z.string(), score: z.number(), weight: z.number() })),
});

export const trendPointSchema = z.object({
  /** The edition's slug, or the month as YYYY-MM. */
  key: z.string(),
  /** Set when the point is a published edition (the page links to it). */
  editionSlug: z.string().nullable(),
  /** The edition's title, or the month in Russian ("октябрь 2026"). */
  title: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  score: z.number().nullable(),
  /** Place in the edition; months are not ranked (null). */
  rank: z.number().int().nullable(),
  /** Organizations with a score in that edition or month: the population of the region's median. */
  rankedCount: z.number().int(),
  /** The region's median score in that edition or month. */
  regionMedianScore: z.number().nullable(),
  sla: slaSummarySchema,
  regionSla: slaSummarySchema,
});

/** An edition as summaries name it (insights, comparison). */
export const editionBriefSchema = z.object({
  slug: z.string(),
  title: z.string(),
  periodStart: z.iso.date(),
  periodEnd: z.iso.date(),
  methodologyVersion: z.string(),
  previousEditionSlug: z.string().nullable(),
});

/** GET /editions/{slug}/insights: the edition, its headline figures and its municipalities. */
export const editionInsightsBodySchema = z.object({
  edition: editionBriefSchema,
  headline: editionHeadlineSchema,
  municipalities: z.array(municipalitySummarySchema),
  minimumSample: z.number().int(),
});

/** GET /compare as JSON: the edition, what is compared, the columns and criteria, a link to share. */
export const comparisonBodySchema = comparisonSchema.extend({
  edition: editionBriefSchema,
  kind: z.enum(['organizations', 'municipalities']),
  pageUrl: z.url().describe('Ссылка на страницу сравнения, которой можно поделиться'),
});
