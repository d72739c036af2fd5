import { organizationKindSchema, sectorSchema } from '@most/shared';
import { z } from 'zod';
import { UNRANKED_REASON_CODES } from './unranked';

/**
 * One organization's line in an edition as every reader gets it (dashboard, public API, OpenAPI,
 * widget): declared once here, its type inferred wherever it is used.
 */
export const editionViewRowSchema = z.object({
  /** Rank within the filtered list (ties share a rank); null for "not enough data". */
  rank: z.number().int().nullable(),
  /** Rank in the whole edition. */
  overallRank: z.number().int().nullable(),
  organizationCode: z.string(),
  organizationName: z.string(),
  kind: organizationKindSchema,
  sector: sectorSchema,
  municipalityCode: z.string().nullable(),
  municipalityName: z.string().nullable(),
  score: z.number().nullable(),
  /** Places moved since the previous edition, on the criteria both versions share (positive: up). */
  rankChange: z.number().int().nullable(),
  scoreChange: z.number().nullable(),
  coverage: z.object({ accountsScored: z.number().int(), accountsTotal: z.number().int() }),
  /** Decided questions (answered, or unanswered past the deadline) on the organization's pages: the real count, ranked or not. */
  sampleSize: z.number().int(),
  /** Why the organization is not ranked (machine code + Russian text); null when ranked. */
  unranked: z.object({ code: z.enum(UNRANKED_REASON_CODES), text: z.string() }).nullable(),
  /** Per-criterion score 0–100. */
  criteria: z.array(z.object({ code: z.string(), score: z.number() })),
});
export type EditionViewRow = z.infer<typeof editionViewRowSchema>;

/** The criteria an edition ranks by and the filters a view applied. */
export const editionCriteriaSchema = z.array(z.object({ code: z.string(), name: z.string(), weight: z.number() }));
export const editionFiltersSchema = z.object({ kind: z.string().nullable(), sector: z.string().nullable(), municipality: z.string().nullable() });
