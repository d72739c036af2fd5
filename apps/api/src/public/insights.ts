import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { getOrganization, type Sql } from '@most/db';
import { COMPARE_MAX, COMPARE_MIN, compareColumns, municipalityColumn, municipalitySummaries } from '@most/domain';
import { AppError } from '@most/shared';
import { makeBody, send, SHORT, type ResponseCache } from './http-cache';
import { editionInsights, listEditions, organizationTrends, viewEdition, type Edition } from '@most/services';

const JSON_TYPE = 'application/json; charset=utf-8';
/** Measurements of a period keep arriving after an edition is frozen, so SLA figures are cached briefly. */
const TTL_MS = 30_000;

export interface InsightDeps {
  sql: Sql;
  cache: ResponseCache;
  loadEdition: (slug: string) => Promise<{ edition: Edition; previous: Edition | null }>;
  parseQuery: <S extends z.ZodType>(schema: S, c: Context) => z.output<S>;
}

const codes = z
  .string()
  .max(1_000)
  .transform((value) => [
    ...new Set(
      value
        .split(',')
        .map((code) => code.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(z.array(z.string().max(100)).min(COMPARE_MIN, `from ${COMPARE_MIN} to ${COMPARE_MAX} codes`).max(COMPARE_MAX, `from ${COMPARE_MIN} to ${COMPARE_MAX} codes`));

const compareQuerySchema = z
  .object({ edition: z.string().max(120).default('latest'), organizations: codes.optional(), municipalities: codes.optional() })
  .refine((q) => (q.organizations === undefined) !== (q.municipalities === undefined), { message: 'give either organizations or municipalities', path: ['organizations'] });

const editionSummary = (e: Edition) => ({
  slug: e.slug,
  title: e.title,
  periodStart: e.periodStart,
  periodEnd: e.periodEnd,
  methodologyVersion: e.methodologyVersion,
  previousEditionSlug: e.previousEditionSlug,
});

/** Headline figures, municipalities, trends and comparisons of the public site (/api/public/v1). */
export function registerInsightRoutes(api: Hono, deps: InsightDeps): void {
  const json = (key: string, build: () => Promise<unknown>) => deps.cache.through(key, async () => makeBody(JSON.stringify(await build()), JSON_TYPE, SHORT), TTL_MS);
  const resolveSlug = async (slug: string) => {
    if (slug !== 'latest') return slug;
    const [latest] = await listEditions(deps.sql);
    if (!latest) throw new AppError('NOT_FOUND', 'Опубликованных выпусков пока нет');
    return latest.slug;
  };

  api.get('/editions/:slug/insights', async (c) => {
    const slug = await resolveSlug(c.req.param('slug').slice(0, 120));
    const body = await json(`insights|${slug}`, async () => {
      const { edition, previous } = await deps.loadEdition(slug);
      return { edition: editionSummary(edition), ...(await editionInsights(deps.sql, edition, previous)) };
    });
    return send(c, body);
  });

  api.get('/organizations/:code/trends', async (c) => {
    const code = c.req.param('code').slice(0, 100);
    const body = await json(`trends|${code}`, async () => {
      const organization = await getOrganization(deps.sql, { code });
      return { organizationCode: organization.code, points: await organizationTrends(deps.sql, organization.id) };
    });
    return send(c, body);
  });

  api.get('/compare', async (c, next) => {
    // `?ids=…&format=…` is the comparison file (XLSX/CSV), served by the edition routes.
    if (c.req.query('ids') !== undefined) return next();
    const query = deps.parseQuery(compareQuerySchema, c);
    const slug = await resolveSlug(query.edition);
    const { edition, previous } = await deps.loadEdition(slug);
    const criteria = edition.criteria.map((c) => ({ code: c.code, name: c.name || c.code, weight: c.weight }));
    let columns: Parameters<typeof compareColumns>[1][number][];
    if (query.organizations) {
      const view = viewEdition(edition, previous, { page: 1, pageSize: 1000 });
      const rows = [...view.ranked.rows, ...view.notEnoughData];
      columns = query.organizations.map((code) => {
        const row = rows.find((r) => r.organizationCode === code);
        if (!row) throw new AppError('NOT_FOUND', `Организации «${code}» нет в этом выпуске`, { details: { organizations: code } });
        return { code, name: row.organizationName, score: row.score, rank: row.overallRank, unranked: row.unranked?.text ?? null, criteria: row.criteria };
      });
    } else {
      const summaries = municipalitySummaries(edition.rows, new Map(), 0);
      columns = query.municipalities!.map((code) => {
        const summary = summaries.find((m) => m.code === code);
        if (!summary) throw new AppError('NOT_FOUND', `Муниципалитета «${code}» нет в этом выпуске`, { details: { municipalities: code } });
        return municipalityColumn(summary, edition.rows);
      });
    }
    const kind = query.organizations ? 'organizations' : 'municipalities';
    return send(c, makeBody(JSON.stringify({ edition: editionSummary(edition), kind, ...compareColumns(criteria, columns) }), JSON_TYPE, SHORT));
  });
}
