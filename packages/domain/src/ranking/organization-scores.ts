import { z } from 'zod';

/** Coverage page by page: which pages were measured, and why the others were not. */
export const organizationScorePageSchema = z.object({
  accountId: z.number().int(),
  network: z.string(),
  url: z.string(),
  measured: z.boolean(),
  reason: z.string().nullable(),
  reasonText: z.string().nullable(),
});
export type OrganizationScorePage = z.infer<typeof organizationScorePageSchema>;

/** An organization's score for one period (dashboard and public API answer it as is). */
export const organizationScoreItemSchema = z.object({
  periodKind: z.string(),
  periodStart: z.iso.date(),
  periodEnd: z.iso.date(),
  methodologyVersion: z.number().int(),
  score: z.number().nullable(),
  enoughData: z.boolean(),
  accountsScored: z.number().int(),
  accountsTotal: z.number().int(),
  sampleSize: z.number().int(),
  pages: z.array(organizationScorePageSchema),
});
export type OrganizationScoreItem = z.infer<typeof organizationScoreItemSchema>;
