import { blockSchema, type BulletinDataset, type IssueState, type IssueView, type Section } from '@most/domain';
import type { Queryable, Sql } from '../client';
import { notFound, toIso } from './common';

export interface IssueSummary {
  id: number;
  slug: string;
  periodKey: string;
  periodLabel: string;
  revision: number;
  title: string;
  state: IssueState;
  correctsIssueId: number | null;
  correctionNote: string | null;
  createdAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
}

export interface IssueRow {
  id: number;
  slug: string;
  period_key: string;
  period_label: string;
  revision: number;
  title: string;
  state: IssueState;
  corrects_issue_id: number | null;
  correction_note: string | null;
  created_at: Date;
  submitted_at: Date | null;
  published_at: Date | null;
}

export const ISSUE_COLUMNS = 'id, slug, period_key, period_label, revision, title, state, corrects_issue_id, correction_note, created_at, submitted_at, published_at';

export const toIssueSummary = (row: IssueRow): IssueSummary => ({
  id: row.id,
  slug: row.slug,
  periodKey: row.period_key,
  periodLabel: row.period_label,
  revision: row.revision,
  title: row.title,
  state: row.state,
  correctsIssueId: row.corrects_issue_id,
  correctionNote: row.correction_note,
  createdAt: toIso(row.created_at)!,
  submittedAt: toIso(row.submitted_at),
  publishedAt: toIso(row.published_at),
});

export async function selectIssue(sql: Queryable, where: { id: number } | { slug: string }, lock = false): Promise<IssueRow | undefined> {
  const [row] =
    'id' in where
      ? await sql<IssueRow[]>`SELECT ${sql.unsafe(ISSUE_COLUMNS)} FROM bulletin_issues WHERE id = ${where.id} ${lock ? sql`FOR UPDATE` : sql``}`
      : await sql<IssueRow[]>`SELECT ${sql.unsafe(ISSUE_COLUMNS)} FROM bulletin_issues WHERE slug = ${where.slug} ${lock ? sql`FOR UPDATE` : sql``}`;
  return row;
}

export async function getIssue(sql: Queryable, where: { id: number } | { slug: string }): Promise<IssueSummary | null> {
  const row = await selectIssue(sql, where);
  return row ? toIssueSummary(row) : null;
}

/** Every issue for monitors, newest period first; optionally only some states. */
export async function listIssues(sql: Queryable, options: { states?: IssueState[]; limit?: number } = {}): Promise<IssueSummary[]> {
  const states = options.states ?? ['draft', 'in_review', 'published'];
  const rows = await sql<IssueRow[]>`
    SELECT ${sql.unsafe(ISSUE_COLUMNS)} FROM bulletin_issues
    WHERE state IN ${sql(states)}
    ORDER BY period_start DESC, revision DESC
    LIMIT ${options.limit ?? 200}`;
  return rows.map(toIssueSummary);
}

/** Published issues, newest publication first: the archive and the feeds. */
export async function listPublishedIssues(sql: Queryable, limit = 100): Promise<IssueSummary[]> {
  const rows = await sql<IssueRow[]>`
    SELECT ${sql.unsafe(ISSUE_COLUMNS)} FROM bulletin_issues
    WHERE state = 'published' ORDER BY published_at DESC, id DESC LIMIT ${limit}`;
  return rows.map(toIssueSummary);
}

/** Rows per multi-row INSERT. */
export const INSERT_CHUNK = 500;

/** Stores an issue's sections and their blocks. */
export async function insertIssueContent(tx: Sql, issueId: number, sections: Section[], origin: 'generated' | 'editor' | null) {
  const sectionRows = sections.map((s, position) => ({
    issue_id: issueId,
    key: s.key,
    position,
    audience: s.audience,
    organization_id: s.organizationId,
    title: s.title,
  }));
  for (let i = 0; i < sectionRows.length; i += INSERT_CHUNK) {
    await tx`INSERT INTO bulletin_sections ${tx(sectionRows.slice(i, i + INSERT_CHUNK))}`;
  }
  const blockRows = sections.flatMap((s) =>
    s.blocks.map((block, position) => ({
      issue_id: issueId,
      section_key: s.key,
      key: block.key,
      position,
      kind: block.kind,
      content: block as unknown,
      origin: origin ?? 'generated',
    })),
  );
  for (let i = 0; i < blockRows.length; i += INSERT_CHUNK) {
    const chunk = blockRows.slice(i, i + INSERT_CHUNK).map((row) => ({ ...row, content: tx.json(row.content as never) }));
    await tx`INSERT INTO bulletin_blocks ${tx(chunk as never)}`;
  }
}

/** Records which recommendations an issue carries. */
export async function insertCarriedRecommendations(tx: Sql, issueId: number, rows: { recommendationId: number; organizationId: number }[]) {
  const values = rows.map((r) => ({ issue_id: issueId, recommendation_id: r.recommendationId, organization_id: r.organizationId }));
  for (let i = 0; i < values.length; i += INSERT_CHUNK) {
    await tx`INSERT INTO bulletin_issue_recommendations ${tx(values.slice(i, i + INSERT_CHUNK))} ON CONFLICT DO NOTHING`;
  }
}

interface SectionRow {
  key: string;
  audience: 'public' | 'agency';
  organization_id: number | null;
  title: string;
}

/** The sections of an issue with their blocks in order; optionally only some sections. */
export async function loadSections(sql: Queryable, issueId: number, filter: { keys?: string[] } = {}): Promise<Section[]> {
  const keys = filter.keys;
  const sections = await sql<SectionRow[]>`
    SELECT key, audience, organization_id, title FROM bulletin_sections
    WHERE issue_id = ${issueId} ${keys ? sql`AND key IN ${sql(keys.length > 0 ? keys : [''])}` : sql``}
    ORDER BY position`;
  const blocks = await sql<{ section_key: string; content: unknown }[]>`
    SELECT section_key, content FROM bulletin_blocks
    WHERE issue_id = ${issueId} ${keys ? sql`AND section_key IN ${sql(keys.length > 0 ? keys : [''])}` : sql``}
    ORDER BY section_key, position`;
  const bySection = new Map<string, Section['blocks']>();
  for (const row of blocks) {
    const list = bySection.get(row.section_key) ?? [];
    list.push(blockSchema.parse(row.content));
    bySection.set(row.section_key, list);
  }
  return sections.map((s) => ({ key: s.key as Section['key'], audience: s.audience, organizationId: s.organization_id, title: s.title, blocks: bySection.get(s.key) ?? [] }));
}

/** Everything the outputs render from; `sectionKeys` limits the sections loaded. */
export async function loadIssueView(sql: Queryable, where: { id: number } | { slug: string }, sectionKeys?: string[]): Promise<(IssueView & { id: number }) | null> {
  const row = await selectIssue(sql, where);
  if (!row) return null;
  const [corrected] = row.corrects_issue_id ? await sql<{ slug: string }[]>`SELECT slug FROM bulletin_issues WHERE id = ${row.corrects_issue_id}` : [];
  const [superseding] =
    row.state === 'published'
      ? await sql<{ slug: string }[]>`
          SELECT slug FROM bulletin_issues WHERE period_key = ${row.period_key} AND state = 'published' AND revision > ${row.revision}
          ORDER BY revision DESC LIMIT 1`
      : [];
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    periodLabel: row.period_label,
    revision: row.revision,
    state: row.state,
    publishedAt: toIso(row.published_at),
    correction: row.correction_note && corrected ? { note: row.correction_note, correctsSlug: corrected.slug } : null,
    supersededBySlug: superseding?.slug ?? null,
    sections: await loadSections(sql, row.id, sectionKeys ? { keys: sectionKeys } : {}),
  };
}

/** The dataset an issue was generated from. */
export async function loadIssueDataset(sql: Queryable, issueId: number): Promise<BulletinDataset> {
  const [row] = await sql<{ dataset: BulletinDataset }[]>`SELECT dataset FROM bulletin_issues WHERE id = ${issueId}`;
  if (!row) throw notFound('Выпуск');
  return row.dataset;
}

/** The issue row, locked for the rest of the transaction. */
export async function lockIssue(tx: Sql, issueId: number): Promise<IssueRow> {
  const row = await selectIssue(tx, { id: issueId }, true);
  if (!row) throw notFound('Выпуск');
  return row;
}
