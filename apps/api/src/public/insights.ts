import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import type { editionBriefSchema, editionInsightsBodySchema } from '@most/domain';
import type { trendsBodySchema } from '@most/domain/public-api';
import { getOrganization, type Sql } from '@most/db';
import { AppError } from '@most/shared';
import { trendsQuerySchema } from './query-schemas';
import { makeBody, send, SHORT, type ResponseCache } from './http-cache';
import { editionInsights, listEditions, organizationTrends, type Edition, type EditionSummary } from '@most/services';

const JSON_TYPE = 'application/json; charset=utf-8';
/** Measurements of a period keep arriving after an edition is frozen, so SLA figures are cached briefly. */
const TTL_MS = 30_000;

export interface InsightDeps {
  sql: Sql;
  cache: ResponseCache;
  loadEdition: (slug: string) => Promise<{ edition: Edition; previous: Edition | null }>;
  parseQuery: <S extends z.ZodType>(schema: S, c: Context) => z.output<S>;
}

/** The edition's identity as every public body names it (a stored summary is enough: full editions extend it). */
export const editionSummary = (e: EditionSummary): z.input<typeof editionBriefSchema> => ({
  slug: e.slug,
  title: e.title,
  periodStart: e.periodStart,
  periodEnd: e.periodEnd,
  methodologyVersion: e.methodologyVersion,
  previousEditionSlug: e.previousEditionSlug,
});

/** `latest` → the newest published edition's slug (404 when none is published yet). */
export async function resolveEditionSlug(sql: Sql, slug: string): Promise<string> {
  if (slug !== 'latest') return slug;
  const [latest] = await listEditions(sql);
  if (!latest) throw new AppError('NOT_FOUND', 'Опубликованных выпусков пока нет');
  return latest.slug;
}

/** Headline figures, municipalities and trends of the public site (/api/public/v1). */
export function registerInsightRoutes(api: Hono, deps: InsightDeps): void {
  const json = (key: string, build: () => Promise<unknown>) => deps.cache.through(key, async () => makeBody(JSON.stringify(await build()), JSON_TYPE, SHORT), TTL_MS);
  const resolveSlug = (slug: string) => resolveEditionSlug(deps.sql, slug);

  api.get('/editions/:slug/insights', async (c) => {
    const slug = await resolveSlug(c.req.param('slug').slice(0, 120));
    const body = await json(`insights|${slug}`, async () => {
      const { edition, previous } = await deps.loadEdition(slug);
      const answer: z.input<typeof editionInsightsBodySchema> = { edition: editionSummary(edition), ...(await editionInsights(deps.sql, edition, previous)) };
      return answer;
    });
    return send(c, body);
  });

  api.get('/organizations/:code/trends', async (c) => {
    const code = c.req.param('code').slice(0, 100);
    const { by } = deps.parseQuery(trendsQuerySchema, c);
    const body = await json(`trends|${code}|${by}`, async () => {
      const organization = await getOrganization(deps.sql, { code });
      const answer: z.input<typeof trendsBodySchema> = { organizationCode: organization.code, by, points: await organizationTrends(deps.sql, organization.id, by) };
      return answer;
    });
    return send(c, body);
  });
}
