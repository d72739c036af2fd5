import { z } from 'zod';

/**
 * Everything one bulletin issue is generated from. The generator is pure: the same dataset
 * always gives the same draft, and the dataset is stored with the issue so it stays reproducible.
 * Scores are on a 0–100 scale; `null` means "not enough data" (never shown as zero).
 */
const score = z.number().min(0).max(100).nullable();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const isoInstant = z.iso.datetime({ offset: true });
const boundedText = (max: number) => z.string().trim().min(1).max(max);
const httpUrl = z.url().refine((value) => /^https?:\/\//i.test(value), 'must be an http(s) URL');

export const bulletinPeriodSchema = z.object({
  /** Stable key used in slugs and job ids: `2026-10` for a month, `2026-q4`, `2026-10-01_2026-10-15` otherwise. */
  key: z.string().regex(/^[0-9a-z_-]{4,40}$/),
  /** Inclusive first day and exclusive end day, both calendar dates in Europe/Saratov. */
  start: isoDate,
  end: isoDate,
  label: boundedText(100),
});

export const bulletinOrganizationSchema = z.object({
  id: z.number().int().positive(),
  name: boundedText(300),
  municipality: z.string().max(300).nullable(),
  sector: z.string().max(60),
  scoreCurrent: score,
  scorePrevious: score,
  /** Why nothing of the organization was measured in the period («страницы не читались»); null when something was. */
  notMeasuredReason: z.string().max(300).nullable().default(null),
});

export const bulletinCriterionSchema = z.object({
  code: boundedText(100),
  title: boundedText(300),
});

export const bulletinCriterionResultSchema = z.object({
  organizationId: z.number().int().positive(),
  criterionCode: boundedText(100),
  accountUrl: httpUrl.nullable(),
  met: z.boolean(),
  /** What the measurement saw, already free of citizens' identities (redacted again on output). */
  evidence: z.string().max(1000).nullable(),
  evidenceUrl: httpUrl.nullable(),
});

export const bulletinRecommendationSchema = z.object({
  id: z.number().int().positive(),
  organizationId: z.number().int().positive(),
  criterionCode: z.string().max(100).nullable(),
  text: boundedText(2000),
  /** The scoring workflow's status: new, sent, acknowledged, remeasured, resolved, dismissed… */
  status: boundedText(40),
});

/** A recommendation sent in an earlier issue and found resolved when its criterion was re-measured. */
export const bulletinResolvedSchema = z.object({
  recommendationId: z.number().int().positive(),
  organizationId: z.number().int().positive(),
  criterionCode: z.string().max(100).nullable(),
  text: boundedText(2000),
  sentInIssue: z.string().max(60).nullable(),
});

export const bulletinSlaStatsSchema = z.object({
  /** Citizens' questions detected in the period, and how many got a first reply from the page. */
  questions: z.number().int().min(0),
  /** Questions whose outcome is decided (answered, or past the deadline unanswered): the denominator of the shares. */
  decided: z.number().int().min(0),
  answered: z.number().int().min(0),
  answeredWithin24h: z.number().int().min(0),
  medianMinutes: z.number().min(0).nullable(),
  p90Minutes: z.number().min(0).nullable(),
});

export const bulletinOrganizationSlaSchema = bulletinSlaStatsSchema.extend({
  organizationId: z.number().int().positive(),
  /** False below the methodology's minimum sample: the figures are shown as "not enough data". */
  enoughData: z.boolean(),
});

export const bulletinDisputeSchema = z.object({
  id: z.number().int().positive(),
  organizationId: z.number().int().positive(),
  criterionCode: z.string().max(100).nullable(),
  summary: boundedText(1000),
  openedAt: isoInstant,
});

export const bulletinDatasetSchema = z.object({
  period: bulletinPeriodSchema,
  previousPeriod: bulletinPeriodSchema.nullable(),
  methodologyVersion: z.string().max(60).nullable(),
  organizations: z.array(bulletinOrganizationSchema).max(20_000),
  criteria: z.array(bulletinCriterionSchema).max(1_000),
  criterionResults: z.array(bulletinCriterionResultSchema).max(500_000),
  recommendations: z.array(bulletinRecommendationSchema).max(200_000),
  resolved: z.array(bulletinResolvedSchema).max(200_000),
  sla: z.object({
    overall: bulletinSlaStatsSchema,
    organizations: z.array(bulletinOrganizationSlaSchema).max(20_000),
    /** Why citizens' questions were not counted for the period («оценки за период не рассчитаны»); null when they were, even if none was found. */
    notCountedReason: z.string().max(300).nullable().default(null),
  }),
  disputes: z.array(bulletinDisputeSchema).max(50_000),
  /** Why nothing was measured for the period at all («оценки за период ещё не рассчитаны»); null when something was. */
  notMeasuredReason: z.string().max(300).nullable().default(null),
});

export type BulletinPeriod = z.infer<typeof bulletinPeriodSchema>;
export type BulletinOrganization = z.infer<typeof bulletinOrganizationSchema>;
export type BulletinCriterion = z.infer<typeof bulletinCriterionSchema>;
export type BulletinCriterionResult = z.infer<typeof bulletinCriterionResultSchema>;
export type BulletinRecommendation = z.infer<typeof bulletinRecommendationSchema>;
export type BulletinResolved = z.infer<typeof bulletinResolvedSchema>;
export type BulletinSlaStats = z.infer<typeof bulletinSlaStatsSchema>;
export type BulletinOrganizationSla = z.infer<typeof bulletinOrganizationSlaSchema>;
export type BulletinDispute = z.infer<typeof bulletinDisputeSchema>;
/** The dataset as produced (reasons may be omitted: they default to null). */
export type BulletinDataset = z.input<typeof bulletinDatasetSchema>;
export type ParsedBulletinDataset = z.infer<typeof bulletinDatasetSchema>;
