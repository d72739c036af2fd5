import { appendAudit } from '../audit';
import type { Queryable } from '../client';

export const DEFAULT_RETENTION_DAYS = 90;

export interface PurgeResult {
  cutoff: Date;
  commentsPurged: number;
  editsDeleted: number;
}

/**
 * Destroys citizens' raw comment text older than the retention period (152-FZ: keep only what the
 * purpose needs). Rows, pseudonyms, classifications and SLA measurements stay; the page's own
 * replies are kept. Every run is logged in comment_purges and the audit log.
 */
export async function purgeCommentText(sql: Queryable, options: { retentionDays?: number; now?: Date } = {}): Promise<PurgeResult> {
  const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new Error('retentionDays must be a positive integer');
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const edits = await sql`
    DELETE FROM comment_edits e USING comments c
    WHERE c.id = e.comment_id AND NOT c.from_page AND c.published_at < ${cutoff}`;
  const comments = await sql`
    UPDATE comments SET text = '', text_truncated = false
    WHERE NOT from_page AND published_at < ${cutoff} AND text <> ''`;
  const result = { cutoff, commentsPurged: comments.count, editsDeleted: edits.count };
  await sql`
    INSERT INTO comment_purges (run_at, cutoff, retention_days, comments_purged, edits_deleted)
    VALUES (${now}, ${cutoff}, ${retentionDays}, ${result.commentsPurged}, ${result.editsDeleted})`;
  await appendAudit(sql, {
    actorId: null,
    actorLabel: 'retention',
    action: 'comments.purge_text',
    entityType: 'comments',
    entityId: null,
    details: { cutoff: cutoff.toISOString(), retentionDays, commentsPurged: result.commentsPurged, editsDeleted: result.editsDeleted },
  });
  return result;
}
