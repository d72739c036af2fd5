import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { COMPARE_MAX, COMPARE_MIN, compareColumns, municipalityColumn, municipalitySummaries, type Comparison } from '@most/domain';
import { AppError } from '@most/shared';
import { viewEdition, type Edition } from '@most/services';
import { comparisonTable, tableCsv } from './exports';
import { CSV_TYPE, exportFormat, humanFile, JSON_TYPE, sendInFormat } from './formats';
import { IMMUTABLE, makeBody, SHORT } from './http-cache';
import { editionSummary, resolveEditionSlug, type InsightDeps } from './insights';
import type { comparisonBodySchema } from '@most/domain';

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

/** The one query of /compare: what to compare (organizations or municipalities), from which edition, in which format. */
export const compareQuerySchema = z
  .object({
    edition: z.string().max(120).default('latest').describe('Код выпуска; latest — последний'),
    organizations: codes.optional().describe(`Коды организаций через запятую (${COMPARE_MIN}–${COMPARE_MAX})`),
    municipalities: codes.optional().describe(`Коды муниципалитетов через запятую (${COMPARE_MIN}–${COMPARE_MAX}); вместо organizations`),
    format: exportFormat,
  })
  .refine((q) => (q.organizations === undefined) !== (q.municipalities === undefined), { message: 'give either organizations or municipalities', path: ['organizations'] });
type CompareQuery = z.output<typeof compareQuerySchema>;

/** The compared columns of one edition; an unknown code is a 404 naming it. */
function comparisonOf(edition: Edition, previous: Edition | null, query: CompareQuery): Comparison {
  const criteria = edition.criteria.map((c) => ({ code: c.code, name: c.name || c.code, weight: c.weight }));
  if (query.organizations) {
    const view = viewEdition(edition, previous, { page: 1, pageSize: Math.max(1, edition.rows.length) });
    const rows = [...view.ranked.rows, ...view.notEnoughData];
    return compareColumns(
      criteria,
      query.organizations.map((code) => {
        const row = rows.find((r) => r.organizationCode === code);
        if (!row) throw new AppError('NOT_FOUND', `Организации «${code}» нет в этом выпуске`, { details: { organizations: code } });
        return { code, name: row.organizationName, score: row.score, rank: row.overallRank, unranked: row.unranked?.text ?? null, criteria: row.criteria };
      }),
    );
  }
  const summaries = municipalitySummaries(edition.rows, new Map(), 0);
  return compareColumns(
    criteria,
    query.municipalities!.map((code) => {
      const summary = summaries.find((m) => m.code === code);
      if (!summary) throw new AppError('NOT_FOUND', `Муниципалитета «${code}» нет в этом выпуске`, { details: { municipalities: code } });
      return municipalityColumn(summary, edition.rows);
    }),
  );
}

/**
 * GET /compare: 2–5 organizations or municipalities of one edition side by side, criterion by
 * criterion, as JSON (the compare page's data) or as a file (format=csv|csv-excel|xlsx).
 */
export function registerCompareRoute(api: Hono, deps: InsightDeps & { baseOf: (c: Context) => string }): void {
  api.get('/compare', async (c) => {
    const query = deps.parseQuery(compareQuerySchema, c);
    const slug = await resolveEditionSlug(deps.sql, query.edition);
    const kind = query.organizations ? 'organizations' : 'municipalities';
    const chosen = (query.organizations ?? query.municipalities)!;
    const base = deps.baseOf(c);
    // `latest` moves with new editions; a named edition never changes.
    const cacheControl = query.edition === 'latest' ? SHORT : IMMUTABLE;
    const key = `compare|${base}|${slug}|${kind}|${chosen.join(',')}|${query.format}|${cacheControl}`;
    const body = await deps.cache.through(
      key,
      async () => {
        const { edition, previous } = await deps.loadEdition(slug);
        const comparison = comparisonOf(edition, previous, query);
        if (query.format === 'json') {
          const pageUrl = `${base}/compare?${kind}=${chosen.map(encodeURIComponent).join(',')}${query.edition === 'latest' ? '' : `&edition=${encodeURIComponent(slug)}`}`;
          const answer: z.input<typeof comparisonBodySchema> = { edition: editionSummary(edition), kind, ...comparison, pageUrl };
          return makeBody(JSON.stringify(answer), JSON_TYPE, cacheControl);
        }
        const table = comparisonTable(comparison);
        if (query.format === 'csv') return makeBody(tableCsv(table), CSV_TYPE, cacheControl);
        return humanFile(table, query.format, 'Сравнение', `Сравнение: ${edition.title}`, cacheControl);
      },
      cacheControl === SHORT ? 30_000 : undefined,
    );
    return sendInFormat(c, body, query.format, `compare-${slug}`);
  });
}
