import { rankEntries, roundScore, type RankingRules } from '@most/domain';
import { AppError } from '@most/shared';
import type { Queryable, Sql } from '@most/db';
import { auditBy } from '@most/db';
import {
  editionInputSchema,
  organizationScoreSchema,
  type Edition,
  type EditionCriterion,
  type EditionInput,
  type EditionRow,
  type EditionStatus,
  type EditionSummary,
  type OrganizationScore,
} from './types';
import { inTransaction } from '@most/db';
import type { Actor } from '@most/db';

const CHUNK = 1_000;

interface EditionDbRow {
  id: number;
  slug: string;
  title: string;
  period_start: string;
  period_end: string;
  methodology_version: string;
  status: EditionStatus;
  previous_slug: string | null;
  previous_edition_id: number | null;
  created_at: Date;
  published_at: Date | null;
  criteria: EditionCriterion[];
}

const toSummary = (r: EditionDbRow): EditionSummary => ({
  id: r.id,
  slug: r.slug,
  title: r.title,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  methodologyVersion: r.methodology_version,
  status: r.status,
  previousEditionSlug: r.previous_slug,
  createdAt: r.created_at,
  publishedAt: r.published_at,
});

const editionSelect = (sql: Queryable) => sql`
  SELECT e.id, e.slug, e.title, e.period_start::text AS period_start, e.period_end::text AS period_end, e.methodology_version,
         e.status, e.previous_edition_id, p.slug AS previous_slug, e.created_at, e.published_at, e.criteria
  FROM ranking_editions e LEFT JOIN ranking_editions p ON p.id = e.previous_edition_id`;

const num = (value: string | number | null): number | null => (value === null ? null : Number(value));

async function loadRows(sql: Queryable, editionId: number): Promise<EditionRow[]> {
  const rows = await sql<Record<string, unknown>[]>`
    SELECT organization_id, organization_code, organization_name, kind, sector, municipality_code, municipality_name,
           score, enough_data, rank, previous_rank, rank_change, previous_score, score_change,
           accounts_scored, accounts_total, sample_size, criteria
    FROM ranking_edition_rows WHERE edition_id = ${editionId}
    ORDER BY rank NULLS LAST, organization_name, organization_id`;
  return rows.map((r) => ({
    organizationId: r.organization_id as number,
    organizationCode: r.organization_code as string,
    organizationName: r.organization_name as string,
    kind: r.kind as EditionRow['kind'],
    sector: r.sector as EditionRow['sector'],
    municipalityCode: r.municipality_code as string | null,
    municipalityName: r.municipality_name as string | null,
    score: num(r.score as string | null),
    enoughData: r.enough_data as boolean,
    rank: r.rank as number | null,
    previousRank: r.previous_rank as number | null,
    rankChange: r.rank_change as number | null,
    previousScore: num(r.previous_score as string | null),
    scoreChange: num(r.score_change as string | null),
    accountsScored: r.accounts_scored as number,
    accountsTotal: r.accounts_total as number,
    sampleSize: r.sample_size as number,
    criteria: r.criteria as EditionRow['criteria'],
  }));
}

/** An edition with its rows; drafts only when asked (monitors' preview). NOT_FOUND otherwise. */
export async function getEdition(sql: Queryable, ref: { slug: string } | { id: number }, options: { includeDrafts?: boolean } = {}): Promise<Edition> {
  const slug = 'slug' in ref ? ref.slug : null;
  const id = 'id' in ref ? ref.id : null;
  const [row] = await sql<EditionDbRow[]>`
    ${editionSelect(sql)}
    WHERE (${slug}::text IS NULL OR e.slug = ${slug}) AND (${id}::bigint IS NULL OR e.id = ${id})
      AND (${options.includeDrafts ?? false} OR e.status = 'published')`;
  if (!row) throw new AppError('NOT_FOUND', 'Выпуск рейтинга не найден');
  const [rows, rules] = await Promise.all([loadRows(sql, row.id), loadRankingRules(sql, row.methodology_version)]);
  return { ...toSummary(row), criteria: row.criteria, rows, rules };
}

/** The minimum sample and minimum coverage of a methodology version as editions name it ("1" or "v1"). */
export async function loadRankingRules(sql: Queryable, methodologyVersion: string): Promise<RankingRules | null> {
  const version = Number(methodologyVersion.replace(/^v/i, ''));
  if (!Number.isInteger(version) || version <= 0) return null;
  const [row] = await sql<{ minimumSample: number | null; minimumCoverage: number | null }[]>`
    SELECT (definition -> 'sla' ->> 'minimumSample')::int AS "minimumSample", (definition ->> 'minimumCoverage')::float8 AS "minimumCoverage"
    FROM methodology_versions WHERE version = ${version}`;
  return row && row.minimumSample !== null && row.minimumCoverage !== null ? { minimumSample: row.minimumSample, minimumCoverage: row.minimumCoverage } : null;
}

export async function listEditions(sql: Queryable, options: { includeDrafts?: boolean } = {}): Promise<EditionSummary[]> {
  const rows = await sql<EditionDbRow[]>`
    ${editionSelect(sql)}
    WHERE ${options.includeDrafts ?? false} OR e.status = 'published'
    ORDER BY e.status = 'draft' DESC, e.period_end DESC, e.published_at DESC NULLS FIRST, e.id DESC`;
  return rows.map(toSummary);
}

/** The latest published edition that ends before this period ends (the one to compare against). */
async function previousPublished(sql: Queryable, periodEnd: string, exceptId: number | null): Promise<Edition | null> {
  const [row] = await sql<{ id: number }[]>`
    SELECT id FROM ranking_editions
    WHERE status = 'published' AND period_end < ${periodEnd}::date AND (${exceptId}::bigint IS NULL OR id <> ${exceptId})
    ORDER BY period_end DESC, published_at DESC LIMIT 1`;
  return row ? getEdition(sql, { id: row.id }) : null;
}

const slugify = (input: { periodStart: string; periodEnd: string; methodologyVersion: string }) =>
  `${input.periodStart}-${input.periodEnd}-v${input.methodologyVersion}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/-$/, '');

/** Ranks (ties share a rank) and the change against `previous` on common criteria, as row values. */
function computeRows(scores: OrganizationScore[], criteriaCodes: string[], previous: Edition | null) {
  const entries = scores.map((s) => ({ ...s, score: s.score === null ? null : roundScore(s.score) }));
  const { ranked, notEnoughData } = rankEntries(entries, {
    criteriaCodes,
    previous: previous ? { criteriaCodes: previous.criteria.map((c) => c.code), entries: previous.rows.map((r) => ({ ...r })) } : undefined,
  });
  return [...ranked.map(({ entry, rank, change }) => ({ entry, rank, change })), ...notEnoughData.map((entry) => ({ entry, rank: null, change: null }))];
}

/**
 * Builds a draft edition for a period and methodology version from organizations' scores. Rows
 * copy the organization's name, kind, sector and municipality so the edition never drifts.
 */
export async function buildEdition(sql: Sql, input: EditionInput, scores: OrganizationScore[], actor: Actor): Promise<Edition> {
  const edition = editionInputSchema.parse(input);
  const parsedScores = scores.map((s) => organizationScoreSchema.parse(s));
  const slug = edition.slug ?? slugify(edition);
  const editionId = await inTransaction(sql, async (tx) => {
    const [taken] = await tx`SELECT 1 FROM ranking_editions WHERE slug = ${slug}`;
    if (taken) throw new AppError('CONFLICT', 'Выпуск с таким адресом уже есть', { details: { slug: 'already exists' } });
    const previous = await previousPublished(tx, edition.periodEnd, null);
    const [created] = await tx<{ id: number }[]>`
      INSERT INTO ranking_editions (slug, title, period_start, period_end, methodology_version, criteria, previous_edition_id, created_by)
      VALUES (${slug}, ${edition.title}, ${edition.periodStart}, ${edition.periodEnd}, ${edition.methodologyVersion},
              ${tx.json(edition.criteria as never)}, ${previous?.id ?? null}, ${actor.id})
      RETURNING id`;
    await insertRows(
      tx,
      created!.id,
      computeRows(
        parsedScores,
        edition.criteria.map((c) => c.code),
        previous,
      ),
    );
    await auditBy(tx, actor, { action: 'ranking.build', entityType: 'ranking_edition', entityId: created!.id, details: { slug, rows: parsedScores.length } });
    return created!.id;
  });
  return getEdition(sql, { id: editionId }, { includeDrafts: true });
}

async function insertRows(tx: Sql, editionId: number, computed: ReturnType<typeof computeRows>): Promise<void> {
  if (computed.length === 0) return;
  const ids = computed.map((c) => c.entry.organizationId);
  const orgs = await tx<{ id: number; code: string; short_name: string; kind: string; sector: string; municipality_code: string | null; municipality_name: string | null }[]>`
    SELECT o.id, o.code, o.short_name, o.kind, o.sector, m.code AS municipality_code, m.name AS municipality_name
    FROM organizations o LEFT JOIN municipalities m ON m.id = o.municipality_id
    WHERE o.id IN ${tx(ids)}`;
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const rows = computed.map(({ entry, rank, change }) => {
    const org = byId.get(entry.organizationId);
    if (!org) throw new AppError('BAD_REQUEST', `Организация ${entry.organizationId} не найдена`, { details: { organizationId: entry.organizationId } });
    return {
      edition_id: editionId,
      organization_id: org.id,
      organization_code: org.code,
      organization_name: org.short_name,
      kind: org.kind,
      sector: org.sector,
      municipality_code: org.municipality_code,
      municipality_name: org.municipality_name,
      score: entry.score,
      enough_data: entry.enoughData && entry.score !== null,
      rank,
      previous_rank: change?.previousRank ?? null,
      rank_change: change?.rankChange ?? null,
      previous_score: change?.previousScore ?? null,
      score_change: change?.scoreChange ?? null,
      accounts_scored: entry.accountsScored,
      accounts_total: Math.max(entry.accountsTotal, entry.accountsScored),
      sample_size: entry.sampleSize,
      criteria: tx.json(entry.criteria as never),
    };
  });
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx`INSERT INTO ranking_edition_rows ${tx(rows.slice(i, i + CHUNK) as never)}`;
  }
}

/**
 * Publishes a draft: the comparison is recomputed against the latest published edition at this
 * moment, then the edition is frozen (the database refuses any later change).
 */
export async function publishEdition(sql: Sql, id: number, actor: Actor): Promise<Edition> {
  await inTransaction(sql, async (tx) => {
    const [row] = await tx<{ status: EditionStatus; period_end: string }[]>`SELECT status, period_end::text AS period_end FROM ranking_editions WHERE id = ${id} FOR UPDATE`;
    if (!row) throw new AppError('NOT_FOUND', 'Выпуск рейтинга не найден');
    if (row.status === 'published') throw new AppError('CONFLICT', 'Выпуск уже опубликован и не может быть изменён');
    const draft = await getEdition(tx, { id }, { includeDrafts: true });
    const previous = await previousPublished(tx, row.period_end, id);
    const scores: OrganizationScore[] = draft.rows.map((r) => ({
      organizationId: r.organizationId,
      score: r.score,
      enoughData: r.enoughData,
      criteria: r.criteria,
      accountsScored: r.accountsScored,
      accountsTotal: r.accountsTotal,
      sampleSize: r.sampleSize,
    }));
    await tx`DELETE FROM ranking_edition_rows WHERE edition_id = ${id}`;
    await insertRows(
      tx,
      id,
      computeRows(
        scores,
        draft.criteria.map((c) => c.code),
        previous,
      ),
    );
    await tx`
      UPDATE ranking_editions SET status = 'published', published_at = now(), published_by = ${actor.id}, previous_edition_id = ${previous?.id ?? null}
      WHERE id = ${id}`;
    await auditBy(tx, actor, { action: 'ranking.publish', entityType: 'ranking_edition', entityId: id, details: { slug: draft.slug } });
  });
  return getEdition(sql, { id });
}

/** Drops a draft (e.g. to rebuild it); published editions cannot be deleted. */
export async function deleteDraftEdition(sql: Sql, id: number, actor: Actor): Promise<void> {
  await inTransaction(sql, async (tx) => {
    const [row] = await tx<{ status: EditionStatus }[]>`SELECT status FROM ranking_editions WHERE id = ${id}`;
    if (!row) throw new AppError('NOT_FOUND', 'Выпуск рейтинга не найден');
    if (row.status === 'published') throw new AppError('CONFLICT', 'Опубликованный выпуск нельзя удалить');
    await tx`DELETE FROM ranking_editions WHERE id = ${id}`;
    await auditBy(tx, actor, { action: 'ranking.delete_draft', entityType: 'ranking_edition', entityId: id });
  });
}

export interface OrganizationRankingHistoryItem {
  editionSlug: string;
  editionTitle: string;
  periodStart: string;
  periodEnd: string;
  methodologyVersion: string;
  score: number | null;
  enoughData: boolean;
  rank: number | null;
  rankedCount: number;
  rankChange: number | null;
  scoreChange: number | null;
  accountsScored: number;
  accountsTotal: number;
  sampleSize: number;
  criteria: { code: string; score: number; weight: number }[];
}

/** One organization's rows across published editions, newest first. */
export async function organizationRankingHistory(sql: Queryable, organizationId: number): Promise<OrganizationRankingHistoryItem[]> {
  const rows = await sql<Record<string, unknown>[]>`
    SELECT e.slug, e.title, e.period_start::text AS period_start, e.period_end::text AS period_end, e.methodology_version,
           r.score, r.enough_data, r.rank, r.rank_change, r.score_change, r.accounts_scored, r.accounts_total, r.sample_size, r.criteria,
           (SELECT count(*)::int FROM ranking_edition_rows x WHERE x.edition_id = e.id AND x.rank IS NOT NULL) AS ranked_count
    FROM ranking_edition_rows r JOIN ranking_editions e ON e.id = r.edition_id
    WHERE r.organization_id = ${organizationId} AND e.status = 'published'
    ORDER BY e.period_end DESC, e.published_at DESC`;
  return rows.map((r) => ({
    editionSlug: r.slug as string,
    editionTitle: r.title as string,
    periodStart: r.period_start as string,
    periodEnd: r.period_end as string,
    methodologyVersion: r.methodology_version as string,
    score: num(r.score as string | null),
    enoughData: r.enough_data as boolean,
    rank: r.rank as number | null,
    rankedCount: r.ranked_count as number,
    rankChange: r.rank_change as number | null,
    scoreChange: num(r.score_change as string | null),
    accountsScored: r.accounts_scored as number,
    accountsTotal: r.accounts_total as number,
    sampleSize: r.sample_size as number,
    criteria: r.criteria as OrganizationRankingHistoryItem['criteria'],
  }));
}
