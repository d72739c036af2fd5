import { randomBytes } from 'node:crypto';
import { AppError } from '@most/shared';
import { blockSchema, isEditableKind, MARKDOWN_MAX_LENGTH, sanitizeMarkdown, type Block } from '@most/domain';
import { auditBy, bulletinNotFound as notFound, inTransaction, type Actor, type Queryable, type Sql } from '@most/db';

async function lockEditableIssue(tx: Sql, issueId: number): Promise<{ slug: string }> {
  const [issue] = await tx<{ slug: string; state: string }[]>`SELECT slug, state FROM bulletin_issues WHERE id = ${issueId} FOR UPDATE`;
  if (!issue) throw notFound('Выпуск');
  if (issue.state === 'published') throw new AppError('CONFLICT', 'Опубликованный выпуск не изменяется: создайте исправление');
  return issue;
}

function cleanMarkdown(markdown: string, allowEmpty: boolean): string {
  if (markdown.length > MARKDOWN_MAX_LENGTH) throw new AppError('BAD_REQUEST', `Текст длиннее ${MARKDOWN_MAX_LENGTH} символов`);
  const clean = sanitizeMarkdown(markdown);
  if (!allowEmpty && clean.length === 0) throw new AppError('BAD_REQUEST', 'Текст пуст');
  return clean;
}

/** Replaces the Markdown of a paragraph or note; the text is sanitized before it is stored. */
export async function updateTextBlock(sql: Queryable, input: { issueId: number; blockKey: string; markdown: string; actor: Actor }): Promise<Block> {
  return inTransaction(sql, async (tx) => {
    const issue = await lockEditableIssue(tx, input.issueId);
    const [row] = await tx<{ content: unknown }[]>`SELECT content FROM bulletin_blocks WHERE issue_id = ${input.issueId} AND key = ${input.blockKey}`;
    if (!row) throw notFound('Блок');
    const block = blockSchema.parse(row.content);
    if (!isEditableKind(block.kind) || (block.kind !== 'paragraph' && block.kind !== 'note')) {
      throw new AppError('BAD_REQUEST', 'Редактировать можно только текстовые блоки; таблицы и цифры берутся из данных');
    }
    const updated = blockSchema.parse({ ...block, markdown: cleanMarkdown(input.markdown, block.kind === 'paragraph') });
    await tx`
      UPDATE bulletin_blocks SET content = ${tx.json(updated as never)}, edited_by = ${input.actor.id}, edited_at = now()
      WHERE issue_id = ${input.issueId} AND key = ${input.blockKey}`;
    await auditBy(tx, input.actor, {
      action: 'bulletin.block.edit',
      entityType: 'bulletin_issue',
      entityId: input.issueId,
      details: { slug: issue.slug, block: input.blockKey, length: 'markdown' in updated ? updated.markdown.length : 0 },
    });
    return updated;
  });
}

/** Puts the blocks of one section in the given order; the keys must be exactly the section's blocks. */
export async function reorderBlocks(sql: Queryable, input: { issueId: number; sectionKey: string; blockKeys: string[]; actor: Actor }): Promise<void> {
  await inTransaction(sql, async (tx) => {
    const issue = await lockEditableIssue(tx, input.issueId);
    const current = await tx<{ key: string }[]>`
      SELECT key FROM bulletin_blocks WHERE issue_id = ${input.issueId} AND section_key = ${input.sectionKey} ORDER BY position`;
    const wanted = [...input.blockKeys].sort();
    const existing = current.map((r) => r.key).sort();
    if (wanted.length !== existing.length || wanted.some((key, i) => key !== existing[i])) {
      throw new AppError('BAD_REQUEST', 'Новый порядок должен содержать каждый блок раздела ровно один раз');
    }
    await tx`
      UPDATE bulletin_blocks AS b SET position = v.position - 1
      FROM unnest(${input.blockKeys}::text[]) WITH ORDINALITY AS v(key, position)
      WHERE b.issue_id = ${input.issueId} AND b.section_key = ${input.sectionKey} AND b.key = v.key`;
    await auditBy(tx, input.actor, {
      action: 'bulletin.blocks.reorder',
      entityType: 'bulletin_issue',
      entityId: input.issueId,
      details: { slug: issue.slug, section: input.sectionKey, order: input.blockKeys },
    });
  });
}

/** Adds an editor's note after a block (or at the top of the section when `afterBlockKey` is null). */
export async function addNote(sql: Queryable, input: { issueId: number; sectionKey: string; afterBlockKey: string | null; markdown: string; actor: Actor }): Promise<Block> {
  return inTransaction(sql, async (tx) => {
    const issue = await lockEditableIssue(tx, input.issueId);
    const [section] = await tx`SELECT 1 FROM bulletin_sections WHERE issue_id = ${input.issueId} AND key = ${input.sectionKey}`;
    if (!section) throw notFound('Раздел');
    let position = 0;
    if (input.afterBlockKey !== null) {
      const [after] = await tx<{ position: number }[]>`
        SELECT position FROM bulletin_blocks WHERE issue_id = ${input.issueId} AND section_key = ${input.sectionKey} AND key = ${input.afterBlockKey}`;
      if (!after) throw notFound('Блок');
      position = after.position + 1;
    }
    const note = blockSchema.parse({ key: `note-${randomBytes(5).toString('hex')}`, kind: 'note', markdown: cleanMarkdown(input.markdown, false) });
    await tx`
      UPDATE bulletin_blocks SET position = position + 1
      WHERE issue_id = ${input.issueId} AND section_key = ${input.sectionKey} AND position >= ${position}`;
    await tx`
      INSERT INTO bulletin_blocks (issue_id, section_key, key, position, kind, content, origin, edited_by, edited_at)
      VALUES (${input.issueId}, ${input.sectionKey}, ${note.key}, ${position}, 'note', ${tx.json(note as never)}, 'editor', ${input.actor.id}, now())`;
    await auditBy(tx, input.actor, { action: 'bulletin.note.add', entityType: 'bulletin_issue', entityId: input.issueId, details: { slug: issue.slug, section: input.sectionKey, block: note.key } });
    return note;
  });
}

/** Removes an editor's note (generated blocks cannot be removed, only reordered). */
export async function removeNote(sql: Queryable, input: { issueId: number; blockKey: string; actor: Actor }): Promise<void> {
  await inTransaction(sql, async (tx) => {
    const issue = await lockEditableIssue(tx, input.issueId);
    const [removed] = await tx<{ section_key: string; position: number }[]>`
      DELETE FROM bulletin_blocks WHERE issue_id = ${input.issueId} AND key = ${input.blockKey} AND origin = 'editor'
      RETURNING section_key, position`;
    if (!removed) throw notFound('Примечание');
    await tx`
      UPDATE bulletin_blocks SET position = position - 1
      WHERE issue_id = ${input.issueId} AND section_key = ${removed.section_key} AND position > ${removed.position}`;
    await auditBy(tx, input.actor, { action: 'bulletin.note.remove', entityType: 'bulletin_issue', entityId: input.issueId, details: { slug: issue.slug, block: input.blockKey } });
  });
}
