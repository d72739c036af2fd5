import { z } from 'zod';

/** A monitor's verdict on a visitor's report of a suspicious page. */
export const PAGE_REPORT_DECISIONS = ['confirmed_official', 'not_official', 'dismissed'] as const;
export type PageReportDecision = (typeof PAGE_REPORT_DECISIONS)[number];
/** `new` until a monitor decides. */
export const PAGE_REPORT_STATUSES = ['new', ...PAGE_REPORT_DECISIONS] as const;
export type PageReportStatus = (typeof PAGE_REPORT_STATUSES)[number];

export const PAGE_REPORT_LIMITS = {
  urlMaxChars: 500,
  reasonMinChars: 5,
  reasonMaxChars: 500,
  /** Reports one client may send per hour (counted by a hash of its address, across API processes). */
  perClientPerHour: 5,
} as const;

/**
 * What a visitor sends from "is this official?". `website` is a honeypot: hidden from people,
 * filled in by form-filling robots; a report with it is accepted and thrown away.
 */
export const pageReportInputSchema = z.object({
  url: z.string().trim().min(1, 'укажите ссылку на страницу').max(PAGE_REPORT_LIMITS.urlMaxChars, `ссылка не длиннее ${PAGE_REPORT_LIMITS.urlMaxChars} символов`),
  reason: z
    .string()
    .trim()
    .min(PAGE_REPORT_LIMITS.reasonMinChars, `опишите причину хотя бы в ${PAGE_REPORT_LIMITS.reasonMinChars} символах`)
    .max(PAGE_REPORT_LIMITS.reasonMaxChars, `причина не длиннее ${PAGE_REPORT_LIMITS.reasonMaxChars} символов`),
  website: z.string().max(500).optional(),
});
export type PageReportInput = z.input<typeof pageReportInputSchema>;

export const isHoneypotFilled = (input: { website?: string | undefined }): boolean => (input.website ?? '').trim().length > 0;

export const pageReportDecisionSchema = z.object({
  id: z.number().int().positive(),
  decision: z.enum(PAGE_REPORT_DECISIONS),
  note: z.string().trim().max(500).default(''),
});
