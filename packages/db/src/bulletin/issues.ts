import { AppError } from '@most/shared';
import { blockSchema, generateBulletinDraft, sanitizeMarkdown, type BulletinDataset, type GenerateOptions, type IssueState, type IssueView, type Section } from '@most/domain';
import type { Queryable, Sql } from '../client';
import { appendAudit } from '../audit';
import { inTransaction, newLinkToken, notFound, toIso, type BulletinActor } from './common';
import { markRecommendationsSent } from './recommendation-loop';

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

interface IssueRow {
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

const ISSUE_COLUMNS = 'id, slug, period_key, period_label, revision, title, state, corrects_issue_id, correction_note, created_at, submitted_at, published_at';

const toSummary = (row: IssueRow): IssueSummary => ({
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

async function selectIssue(sql: Queryable, where: { id: number } | { slug: string }, lock = false): Promise<IssueRow | undefined> {
  const [row] =
    'id' in where
      ? await sql<IssueRow[]>`SELECT ${sql.unsafe(ISSUE_COLUMNS)} FROM bulletin_issues WHERE id = ${where.id} ${lock ? sql`FOR UPDATE` : sql``}`
      : await sql<IssueRow[]>`SELECT ${sql.unsafe(ISSUE_COLUMNS)} FROM bulletin_issues WHERE slug = ${where.slug} ${lock ? sql`FOR UPDATE` : sql``}`;
  return row;
}

export async function getIssue(sql: Queryable, where: { id: number } | { slug: string }): Promise<IssueSummary | null> {
  const row = await selectIssue(sql, where);
  return row ? toSummary(row) : null;
}

/** Every issue for monitors, newest period first; optionally only some states. */
export async function listIssues(sql: Queryable, options: { states?: IssueState[]; limit?: number } = {}): Promise<IssueSummary[]> {
  const states = options.states ?? ['draft', 'in_review', 'published'];
  const rows = await sql<IssueRow[]>`
    SELECT ${sql.unsafe(ISSUE_COLUMNS)} FROM bulletin_issues
    WHERE state IN ${sql(states)}
    ORDER BY period_start DESC, revision DESC
    LIMIT ${options.limit ?? 200}`;
  return rows.map(toSummary);
}

/** Published issues, newest publication first: the archive and the feeds. */
export async function listPublishedIssues(sql: Queryable, limit = 100): Promise<IssueSummary[]> {
  const rows = await sql<IssueRow[]>`
    SELECT ${sql.unsafe(ISSUE_COLUMNS)} FROM bulletin_issues
    WHERE state = 'published' ORDER BY published_at DESC, id DESC LIMIT ${limit}`;
  return rows.map(toSummary);
}

export interface CreatedDraft {
  created: boolean;
  issue: IssueSummary;
}

/**
 * Generates the draft of a period's first revision from its dataset and stores it. Idempotent:
 * when the period already has an issue, that issue is returned unchanged.
 */
export async function createDraftIssue(sql: Queryable, input: { dataset: BulletinDataset; actor: BulletinActor; options?: GenerateOptions }): Promise<CreatedDraft> {
  const draft = generateBulletinDraft(input.dataset, input.options);
  const { period } = input.dataset;
  return inTransaction(sql, async (tx) => {
    const [row] = await tx<IssueRow[]>`
      INSERT INTO bulletin_issues (period_key, period_start, period_end, period_label, revision, slug, title, dataset, created_by)
      VALUES (${period.key}, ${period.start}, ${period.end}, ${period.label}, 1, ${period.key}, ${draft.title},
              ${tx.json(input.dataset as never)}, ${input.actor.id})
      ON CONFLICT (period_key, revision) DO NOTHING
      RETURNING ${tx.unsafe(ISSUE_COLUMNS)}`;
    if (!row) {
      const existing = await selectIssue(tx, { slug: period.key });
      if (!existing) throw new AppError('CONFLICT', `Выпуск за период ${period.key} уже существует`);
      return { created: false, issue: toSummary(existing) };
    }
    await insertContent(tx, row.id, draft.sections, 'generated');
    await insertCarriedRecommendations(tx, row.id, draft.recommendationIds);
    await appendAudit(tx, {
      actorId: input.actor.id,
      actorLabel: input.actor.label,
      action: 'bulletin.draft.create',
      entityType: 'bulletin_issue',
      entityId: String(row.id),
      details: { slug: row.slug, sections: draft.sections.length, recommendations: draft.recommendationIds.length },
    });
    return { created: true, issue: toSummary(row) };
  });
}

const CHUNK = 500;

async function insertContent(tx: Sql, issueId: number, sections: Section[], origin: 'generated' | 'editor' | null) {
  const sectionRows = sections.map((s, position) => ({
    issue_id: issueId,
    key: s.key,
    position,
    audience: s.audience,
    organization_id: s.organizationId,
    title: s.title,
  }));
  for (let i = 0; i < sectionRows.length; i += CHUNK) {
    await tx`INSERT INTO bulletin_sections ${tx(sectionRows.slice(i, i + CHUNK))}`;
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
  for (let i = 0; i < blockRows.length; i += CHUNK) {
    const chunk = blockRows.slice(i, i + CHUNK).map((row) => ({ ...row, content: tx.json(row.content as never) }));
    await tx`INSERT INTO bulletin_blocks ${tx(chunk as never)}`;
  }
}

async function insertCarriedRecommendations(tx: Sql, issueId: number, rows: { recommendationId: number; organizationId: number }[]) {
  const values = rows.map((r) => ({ issue_id: issueId, recommendation_id: r.recommendationId, organization_id: r.organizationId }));
  for (let i = 0; i < values.length; i += CHUNK) {
    await tx`INSERT INTO bulletin_issue_recommendations ${tx(values.slice(i, i + CHUNK))} ON CONFLICT DO NOTHING`;
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

async function lockIssue(tx: Sql, issueId: number): Promise<IssueRow> {
  const row = await selectIssue(tx, { id: issueId }, true);
  if (!row) throw notFound('Выпуск');
  return row;
}

const TRANSITIONS: Record<'submit' | 'return' | 'publish', { from: IssueState; to: IssueState; message: string }> = {
  submit: { from: 'draft', to: 'in_review', message: 'На проверку можно отправить только черновик' },
  return: { from: 'in_review', to: 'draft', message: 'Вернуть в черновик можно только выпуск на проверке' },
  publish: { from: 'in_review', to: 'published', message: 'Опубликовать можно только выпуск, прошедший проверку' },
};

/** draft → in_review. */
export const submitIssueForReview = (sql: Queryable, issueId: number, actor: BulletinActor) => transition(sql, issueId, actor, 'submit');
/** in_review → draft (the reviewer sends it back). */
export const returnIssueToDraft = (sql: Queryable, issueId: number, actor: BulletinActor) => transition(sql, issueId, actor, 'return');

async function transition(sql: Queryable, issueId: number, actor: BulletinActor, name: 'submit' | 'return'): Promise<IssueSummary> {
  const rule = TRANSITIONS[name];
  return inTransaction(sql, async (tx) => {
    const row = await lockIssue(tx, issueId);
    if (row.state !== rule.from) throw new AppError('CONFLICT', rule.message);
    const [updated] = await tx<IssueRow[]>`
      UPDATE bulletin_issues SET state = ${rule.to}, updated_at = now(),
        submitted_at = ${name === 'submit' ? tx`now()` : tx`submitted_at`}
      WHERE id = ${issueId} RETURNING ${tx.unsafe(ISSUE_COLUMNS)}`;
    await appendAudit(tx, {
      actorId: actor.id,
      actorLabel: actor.label,
      action: `bulletin.${name}`,
      entityType: 'bulletin_issue',
      entityId: String(issueId),
      details: { slug: row.slug, from: rule.from, to: rule.to },
    });
    return toSummary(updated!);
  });
}

export interface PublishedIssue {
  issue: IssueSummary;
  /** Recommendations carried by the issue, now "sent". */
  recommendationIds: number[];
}

/**
 * in_review → published. Creates the agencies' acknowledgement links and marks the carried
 * recommendations as sent (the scoring workflow's status update, or `markSent`), all in one
 * transaction. After this the issue cannot change.
 */
export async function publishIssue(
  sql: Queryable,
  input: { issueId: number; actor: BulletinActor; markSent?: (tx: Sql, recommendationIds: number[], actor: BulletinActor) => Promise<void> },
): Promise<PublishedIssue> {
  return inTransaction(sql, async (tx) => {
    const row = await lockIssue(tx, input.issueId);
    if (row.state !== 'in_review') throw new AppError('CONFLICT', TRANSITIONS.publish.message);
    const agencies = await tx<{ organization_id: number }[]>`
      SELECT organization_id FROM bulletin_sections WHERE issue_id = ${row.id} AND audience = 'agency' ORDER BY position`;
    const links = agencies.map((a) => ({ issue_id: row.id, organization_id: a.organization_id, token: newLinkToken() }));
    for (let i = 0; i < links.length; i += CHUNK) {
      await tx`INSERT INTO bulletin_acknowledgements ${tx(links.slice(i, i + CHUNK))} ON CONFLICT DO NOTHING`;
    }
    const carried = await tx<{ recommendation_id: number }[]>`
      SELECT recommendation_id FROM bulletin_issue_recommendations WHERE issue_id = ${row.id} ORDER BY recommendation_id`;
    const recommendationIds = carried.map((c) => c.recommendation_id);
    if (recommendationIds.length > 0) await (input.markSent ?? markRecommendationsSent)(tx, recommendationIds, input.actor);
    const [updated] = await tx<IssueRow[]>`
      UPDATE bulletin_issues SET state = 'published', published_at = now(), published_by = ${input.actor.id}, updated_at = now()
      WHERE id = ${row.id} RETURNING ${tx.unsafe(ISSUE_COLUMNS)}`;
    await appendAudit(tx, {
      actorId: input.actor.id,
      actorLabel: input.actor.label,
      action: 'bulletin.publish',
      entityType: 'bulletin_issue',
      entityId: String(row.id),
      details: { slug: row.slug, revision: row.revision, agencies: links.length, recommendations: recommendationIds.length },
    });
    return { issue: toSummary(updated!), recommendationIds };
  });
}

/**
 * Starts a correction of a published issue: a new draft revision with the same content and a
 * visible note, published through the same workflow. Only the latest published revision can be corrected.
 */
export async function createCorrection(sql: Queryable, input: { issueId: number; note: string; actor: BulletinActor }): Promise<IssueSummary> {
  const note = sanitizeMarkdown(input.note);
  if (note.length === 0 || note.length > 5_000) throw new AppError('BAD_REQUEST', 'Укажите примечание к исправлению (до 5000 символов)');
  return inTransaction(sql, async (tx) => {
    const original = await lockIssue(tx, input.issueId);
    if (original.state !== 'published') throw new AppError('CONFLICT', 'Исправить можно только опубликованный выпуск; черновик редактируется напрямую');
    const [latest] = await tx<{ revision: number; open: boolean }[]>`
      SELECT max(revision)::int AS revision, bool_or(state <> 'published') AS open FROM bulletin_issues WHERE period_key = ${original.period_key}`;
    if (latest?.open) throw new AppError('CONFLICT', 'Исправление этого выпуска уже готовится');
    if (latest && latest.revision !== original.revision) throw new AppError('CONFLICT', 'Исправлять нужно последнюю редакцию выпуска');
    const revision = original.revision + 1;
    const [created] = await tx<IssueRow[]>`
      INSERT INTO bulletin_issues (period_key, period_start, period_end, period_label, revision, slug, title, dataset,
                                   corrects_issue_id, correction_note, created_by)
      SELECT period_key, period_start, period_end, period_label, ${revision}, ${`${original.period_key}-r${revision}`}, title, dataset,
             id, ${note}, ${input.actor.id}
      FROM bulletin_issues WHERE id = ${original.id}
      RETURNING ${tx.unsafe(ISSUE_COLUMNS)}`;
    const issueId = created!.id;
    await tx`
      INSERT INTO bulletin_sections (issue_id, key, position, audience, organization_id, title)
      SELECT ${issueId}, key, position, audience, organization_id, title FROM bulletin_sections WHERE issue_id = ${original.id}`;
    await tx`
      INSERT INTO bulletin_blocks (issue_id, section_key, key, position, kind, content, origin, edited_by, edited_at)
      SELECT ${issueId}, section_key, key, position, kind, content, origin, edited_by, edited_at FROM bulletin_blocks WHERE issue_id = ${original.id}`;
    await tx`
      INSERT INTO bulletin_issue_recommendations (issue_id, recommendation_id, organization_id)
      SELECT ${issueId}, recommendation_id, organization_id FROM bulletin_issue_recommendations WHERE issue_id = ${original.id}`;
    await appendAudit(tx, {
      actorId: input.actor.id,
      actorLabel: input.actor.label,
      action: 'bulletin.correction.create',
      entityType: 'bulletin_issue',
      entityId: String(issueId),
      details: { slug: created!.slug, corrects: original.slug },
    });
    return toSummary(created!);
  });
}

/** Deletes a draft that should not be published (never a published issue: the trigger refuses). */
export async function discardDraft(sql: Queryable, issueId: number, actor: BulletinActor): Promise<void> {
  await inTransaction(sql, async (tx) => {
    const row = await lockIssue(tx, issueId);
    if (row.state === 'published') throw new AppError('CONFLICT', 'Опубликованный выпуск нельзя удалить');
    await tx`DELETE FROM bulletin_issues WHERE id = ${issueId}`;
    await appendAudit(tx, { actorId: actor.id, actorLabel: actor.label, action: 'bulletin.draft.discard', entityType: 'bulletin_issue', entityId: String(issueId), details: { slug: row.slug } });
  });
}
