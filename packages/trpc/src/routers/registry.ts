import { z } from 'zod';
import {
  accountInputSchema,
  accountPatchSchema,
  createAccount,
  createOrganization,
  getOrganization,
  listMunicipalities,
  listOrganizations,
  organizationFilterSchema,
  organizationInputSchema,
  organizationPatchSchema,
  updateAccount,
  updateOrganization,
} from '@most/db';
import { importRegistry, REGISTRY_UPLOAD_MAX_BYTES, readUploadedTable } from '@most/services';
import { AppError, accountStatusSchema, municipalityKindSchema, networkSchema, organizationKindSchema, sectorSchema } from '@most/shared';
import { id, isoDate } from '../schemas';
import { monitorProcedure, publicProcedure, router } from '../trpc';

const municipalityRef = z.object({ id, code: z.string(), name: z.string() });
export const organizationListItemSchema = z.object({
  id,
  code: z.string(),
  shortName: z.string(),
  fullName: z.string(),
  kind: organizationKindSchema,
  sector: sectorSchema,
  municipality: municipalityRef.nullable(),
  accountCount: z.number().int(),
});
export const accountSchema = z.object({
  id,
  organizationId: id,
  network: networkSchema,
  canonicalUrl: z.string(),
  handle: z.string(),
  externalId: z.string().nullable(),
  status: accountStatusSchema,
  isOfficial: z.boolean(),
  addedAt: isoDate,
});
const organizationDetailSchema = organizationListItemSchema.extend({
  parent: z.object({ id, code: z.string(), shortName: z.string() }).nullable(),
  website: z.string().nullable(),
  inn: z.string().nullable(),
  accounts: z.array(accountSchema),
});
const counts = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() });
const importReportSchema = z.object({
  rows: z.number(),
  imported: z.number(),
  organizations: counts,
  accounts: counts,
  errors: z.array(z.object({ line: z.number(), errors: z.array(z.string()) })),
  ignoredColumns: z.array(z.string()),
});

export const registryRouter = router({
  municipalities: publicProcedure.output(z.array(municipalityRef.extend({ kind: municipalityKindSchema }))).query(({ ctx }) => listMunicipalities(ctx.sql)),

  organizations: publicProcedure
    .input(organizationFilterSchema.default({ page: 1, pageSize: 50 }))
    .output(z.object({ items: z.array(organizationListItemSchema), total: z.number(), page: z.number(), pageSize: z.number() }))
    .query(({ ctx, input }) => listOrganizations(ctx.sql, input)),

  organization: publicProcedure
    .input(z.union([z.object({ id }), z.object({ code: z.string().min(1).max(100) })]))
    .output(organizationDetailSchema)
    .query(({ ctx, input }) => getOrganization(ctx.sql, input)),

  createOrganization: monitorProcedure
    .input(organizationInputSchema)
    .output(organizationDetailSchema)
    .mutation(({ ctx, input }) => createOrganization(ctx.sql, input, ctx.actor)),

  updateOrganization: monitorProcedure
    .input(z.object({ id, patch: organizationPatchSchema }))
    .output(organizationDetailSchema)
    .mutation(({ ctx, input }) => updateOrganization(ctx.sql, input.id, input.patch, ctx.actor)),

  createAccount: monitorProcedure
    .input(accountInputSchema)
    .output(accountSchema)
    .mutation(({ ctx, input }) => createAccount(ctx.sql, input, ctx.actor)),

  updateAccount: monitorProcedure
    .input(z.object({ id, patch: accountPatchSchema }))
    .output(accountSchema)
    .mutation(({ ctx, input }) => updateAccount(ctx.sql, input.id, input.patch, ctx.actor)),

  /** CSV or XLSX upload, base64 in JSON; bad rows come back with their line numbers and reasons. */
  importFile: monitorProcedure
    .input(
      z.object({
        fileName: z.string().min(1).max(255),
        contentBase64: z.string().max(Math.ceil((REGISTRY_UPLOAD_MAX_BYTES * 4) / 3) + 4),
      }),
    )
    .output(importReportSchema)
    .mutation(async ({ ctx, input }) => {
      const content = Buffer.from(input.contentBase64, 'base64');
      if (content.byteLength === 0) throw new AppError('BAD_REQUEST', 'Файл пуст', { details: { contentBase64: 'is empty' } });
      const table = await readUploadedTable(input.fileName, content);
      return importRegistry(ctx.sql, table, ctx.actor);
    }),
});
