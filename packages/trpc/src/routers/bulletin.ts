import { z } from 'zod';
import {
  getBulletinSettings,
  getIssue,
  listAgencyIssues,
  listBulletinAcknowledgements,
  listBulletinContacts,
  listBulletinDeliveries,
  listIssues,
  listPublishedIssues,
  loadAgencyIssueView,
  loadIssueView,
  removeBulletinContact,
  resendFailedDeliveries,
  updateBulletinSettings,
  upsertBulletinContact,
} from '@most/db';
import {
  acknowledgeBulletin,
  addNote,
  createCorrection,
  generateIssue,
  discardDraft,
  publishIssue,
  removeNote,
  reorderBlocks,
  returnIssueToDraft,
  submitIssueForReview,
  updateTextBlock,
} from '@most/services';
import { blockSchema, BULLETIN_PERIOD_KINDS, ISSUE_STATES, parseBulletinPeriodKey, sectionSchema } from '@most/domain';
import { AppError } from '@most/shared';
import { id, okSchema, okAfter } from '../schemas';
import { agencyProcedure, monitorProcedure, publicProcedure, router } from '../trpc';

const issueState = z.enum(ISSUE_STATES);
const isoString = z.string();
const slug = z.string().regex(/^[0-9a-z_-]{4,60}$/);
const blockKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,120}$/);
const sectionKey = z.string().regex(/^(public|org-\d+)$/);

export const bulletinIssueSummarySchema = z.object({
  id,
  slug: z.string(),
  periodKey: z.string(),
  periodLabel: z.string(),
  revision: z.number().int(),
  title: z.string(),
  state: issueState,
  correctsIssueId: id.nullable(),
  correctionNote: z.string().nullable(),
  createdAt: isoString,
  submittedAt: isoString.nullable(),
  publishedAt: isoString.nullable(),
});

export const bulletinIssueViewSchema = z.object({
  id,
  slug: z.string(),
  title: z.string(),
  periodLabel: z.string(),
  revision: z.number().int(),
  state: issueState,
  publishedAt: isoString.nullable(),
  correction: z.object({ note: z.string(), correctsSlug: z.string() }).nullable(),
  supersededBySlug: z.string().nullable(),
  sections: z.array(sectionSchema),
});

const deliverySchema = z.object({
  id,
  issueId: id,
  contactId: id,
  organizationId: id,
  email: z.string(),
  status: z.enum(['pending', 'retrying', 'sent', 'failed', 'skipped']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  messageId: z.string().nullable(),
  transport: z.enum(['smtp', 'outbox']).nullable(),
  sentAt: isoString.nullable(),
  updatedAt: isoString,
});

const contactSchema = z.object({ id, organizationId: id, email: z.string(), name: z.string(), unsubscribedAt: isoString.nullable() });
const settingsSchema = z.object({ schedulePattern: z.string().max(100), scheduleTimezone: z.string().max(60), scheduleEnabled: z.boolean(), periodKind: z.enum(BULLETIN_PERIOD_KINDS) });
const agencyIssueSchema = z.object({
  id,
  slug: z.string(),
  title: z.string(),
  periodLabel: z.string(),
  revision: z.number().int(),
  publishedAt: isoString,
  acknowledgedAt: isoString.nullable(),
});

const notFound = () => new AppError('NOT_FOUND', 'Выпуск не найден');

/**
 * The bulletin: the public archive, the monitors' editorial workflow (draft → in_review →
 * published, text edits, order, notes, corrections, contacts, schedule) and the agencies' own
 * issues. Publishing commits the issue; the worker's sweep then prints the PDF and sends e-mails.
 */
export const bulletinRouter = router({
  /** Published issues, newest first. */
  archive: publicProcedure.output(z.array(bulletinIssueSummarySchema)).query(({ ctx }) => listPublishedIssues(ctx.sql)),

  /** A published issue's public edition (agencies' sections are not public). */
  issue: publicProcedure
    .input(z.object({ slug }))
    .output(bulletinIssueViewSchema)
    .query(async ({ ctx, input }) => {
      const view = await loadIssueView(ctx.sql, { slug: input.slug }, ['public']);
      if (view?.state !== 'published') throw notFound();
      return view;
    }),

  /** Every issue for the editors' list; optionally only some states. */
  list: monitorProcedure
    .input(z.object({ states: z.array(issueState).min(1).optional() }).optional())
    .output(z.array(bulletinIssueSummarySchema))
    .query(({ ctx, input }) => listIssues(ctx.sql, input?.states ? { states: input.states } : {})),

  /** One issue with every section, for the editor and its preview (HTML preview: /bulletin/preview/:id). */
  get: monitorProcedure
    .input(z.object({ id }))
    .output(z.object({ summary: bulletinIssueSummarySchema, view: bulletinIssueViewSchema }))
    .query(async ({ ctx, input }) => {
      const [summary, view] = await Promise.all([getIssue(ctx.sql, { id: input.id }), loadIssueView(ctx.sql, { id: input.id })]);
      if (!summary || !view) throw notFound();
      return { summary, view };
    }),

  /** Generates the draft of a month (`2026-11`) or quarter (`2026-q4`) from the current data (idempotent: an existing issue is returned). */
  createDraft: monitorProcedure
    .input(z.object({ periodKey: z.string().regex(/^(20\d\d|2100)-(0[1-9]|1[0-2]|q[1-4])$/, 'a month (2026-11) or quarter (2026-q4) between 2000 and 2100') }))
    .output(z.object({ created: z.boolean(), issue: bulletinIssueSummarySchema }))
    .mutation(async ({ ctx, input }) => {
      const { created, issue } = await generateIssue(ctx.sql, { period: parseBulletinPeriodKey(input.periodKey), actor: ctx.actor });
      return { created, issue };
    }),

  /** Replaces the Markdown of a paragraph or note (sanitized before it is stored). */
  updateBlock: monitorProcedure
    .input(z.object({ issueId: id, blockKey, markdown: z.string().max(20_000) }))
    .output(blockSchema)
    .mutation(({ ctx, input }) => updateTextBlock(ctx.sql, { ...input, actor: ctx.actor })),

  reorderBlocks: monitorProcedure
    .input(z.object({ issueId: id, sectionKey, blockKeys: z.array(blockKey).min(1).max(500) }))
    .output(okSchema)
    .mutation(({ ctx, input }) => okAfter(reorderBlocks(ctx.sql, { ...input, actor: ctx.actor }))),

  addNote: monitorProcedure
    .input(z.object({ issueId: id, sectionKey, afterBlockKey: blockKey.nullable(), markdown: z.string().min(1).max(20_000) }))
    .output(blockSchema)
    .mutation(({ ctx, input }) => addNote(ctx.sql, { ...input, actor: ctx.actor })),

  removeNote: monitorProcedure
    .input(z.object({ issueId: id, blockKey }))
    .output(okSchema)
    .mutation(({ ctx, input }) => okAfter(removeNote(ctx.sql, { ...input, actor: ctx.actor }))),

  submit: monitorProcedure
    .input(z.object({ id }))
    .output(bulletinIssueSummarySchema)
    .mutation(({ ctx, input }) => submitIssueForReview(ctx.sql, input.id, ctx.actor)),

  returnToDraft: monitorProcedure
    .input(z.object({ id }))
    .output(bulletinIssueSummarySchema)
    .mutation(({ ctx, input }) => returnIssueToDraft(ctx.sql, input.id, ctx.actor)),

  /** Publishes a reviewed issue; carried recommendations become "sent". Distribution follows within a minute. */
  publish: monitorProcedure
    .input(z.object({ id }))
    .output(z.object({ issue: bulletinIssueSummarySchema, recommendationIds: z.array(id) }))
    .mutation(({ ctx, input }) => publishIssue(ctx.sql, { issueId: input.id, actor: ctx.actor })),

  /** Starts a correction of a published issue: a new revision with a visible note. */
  correct: monitorProcedure
    .input(z.object({ id, note: z.string().min(1).max(5_000) }))
    .output(bulletinIssueSummarySchema)
    .mutation(({ ctx, input }) => createCorrection(ctx.sql, { issueId: input.id, note: input.note, actor: ctx.actor })),

  discardDraft: monitorProcedure
    .input(z.object({ id }))
    .output(okSchema)
    .mutation(({ ctx, input }) => okAfter(discardDraft(ctx.sql, input.id, ctx.actor))),

  /** Delivery status per recipient of a published issue. */
  deliveries: monitorProcedure
    .input(z.object({ issueId: id }))
    .output(z.array(deliverySchema))
    .query(({ ctx, input }) => listBulletinDeliveries(ctx.sql, input.issueId)),

  /** Sends failed e-mails of an issue again (all, or one delivery); the worker picks them up within a minute. */
  resendFailed: monitorProcedure
    .input(z.object({ issueId: id, deliveryId: id.optional() }))
    .output(z.object({ deliveries: z.number().int() }))
    .mutation(async ({ ctx, input }) => ({ deliveries: await resendFailedDeliveries(ctx.sql, { ...input, actor: ctx.actor }) })),

  /** Which agencies of a published issue confirmed receipt of their recommendations. */
  acknowledgements: monitorProcedure
    .input(z.object({ issueId: id }))
    .output(z.array(z.object({ organizationId: id, organizationName: z.string(), acknowledgedAt: isoString.nullable() })))
    .query(({ ctx, input }) => listBulletinAcknowledgements(ctx.sql, input.issueId)),

  contacts: monitorProcedure
    .input(z.object({ organizationId: id.optional() }).optional())
    .output(z.array(contactSchema))
    .query(({ ctx, input }) => listBulletinContacts(ctx.sql, input?.organizationId)),

  upsertContact: monitorProcedure
    .input(z.object({ organizationId: id, email: z.string().max(320), name: z.string().max(300).optional() }))
    .output(contactSchema)
    .mutation(({ ctx, input }) => upsertBulletinContact(ctx.sql, input, ctx.actor)),

  removeContact: monitorProcedure
    .input(z.object({ id }))
    .output(okSchema)
    .mutation(({ ctx, input }) => okAfter(removeBulletinContact(ctx.sql, input.id, ctx.actor))),

  settings: monitorProcedure.output(settingsSchema).query(({ ctx }) => getBulletinSettings(ctx.sql)),

  /** The draft schedule (cron pattern in a time zone) and period kind; the worker applies a change within a minute. */
  updateSettings: monitorProcedure
    .input(settingsSchema.extend({ periodKind: z.enum(BULLETIN_PERIOD_KINDS).optional() }))
    .output(settingsSchema)
    .mutation(({ ctx, input }) => updateBulletinSettings(ctx.sql, input, ctx.actor)),

  /** "My bulletins": published issues with a section for the signed-in agency. */
  mine: agencyProcedure.output(z.array(agencyIssueSchema)).query(({ ctx }) => listAgencyIssues(ctx.sql, ctx.organizationId)),

  /** One of my bulletins: the public edition and my own section. */
  mineIssue: agencyProcedure
    .input(z.object({ slug }))
    .output(bulletinIssueViewSchema)
    .query(async ({ ctx, input }) => {
      const view = await loadAgencyIssueView(ctx.sql, input.slug, ctx.organizationId);
      if (!view) throw notFound();
      return view;
    }),

  /** The agency confirms it received the issue's recommendations. */
  acknowledge: agencyProcedure
    .input(z.object({ issueId: id }))
    .output(z.object({ acknowledgedAt: isoString, alreadyAcknowledged: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const result = await acknowledgeBulletin(ctx.sql, { issueId: input.issueId, organizationId: ctx.organizationId, actor: ctx.actor });
      if (!result?.acknowledgedAt) throw notFound();
      return { acknowledgedAt: result.acknowledgedAt, alreadyAcknowledged: result.alreadyAcknowledged };
    }),
});
