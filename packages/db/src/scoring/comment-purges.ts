import type { Queryable, Sql } from '../client';

/** The trigger that marks a comments partition as purged and blanks text written there later (migration 0040). */
const PURGED_PARTITION_TRIGGER = 'comments_text_purged';

/** A range of comments.published_at: [from, to), `from` null for "since ever". */
export interface PublishedRange {
  from: Date | null;
  to: Date;
}

/** Comments partitions already purged and marked. */
export async function purgedPartitionNames(sql: Queryable): Promise<Set<string>> {
  const rows = await sql<{ name: string }[]>`SELECT c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = ${PURGED_PARTITION_TRIGGER}`;
  return new Set(rows.map((row) => row.name));
}

/** Marks a comments partition as purged: a trigger blanks any citizen's text written there later. */
export async function markPartitionPurged(sql: Sql, partition: string): Promise<void> {
  await sql`CREATE OR REPLACE TRIGGER ${sql(PURGED_PARTITION_TRIGGER)} BEFORE INSERT OR UPDATE ON ${sql(partition)}
            FOR EACH ROW EXECUTE FUNCTION blank_purged_comment_text()`;
}

/** Purges the citizens' text (and the edits' old text) of comments published in the range. */
export async function purgeCommentRange(sql: Sql, { from, to }: PublishedRange): Promise<{ comments: number; edits: number }> {
  const since = from ? sql`AND c.published_at >= ${from}` : sql``;
  const edits = await sql`
    DELETE FROM comment_edits e USING comments c
    WHERE c.id = e.comment_id AND NOT c.from_page AND c.published_at < ${to} ${since}`;
  const comments = await sql`
    UPDATE comments c SET text = '', text_truncated = false
    WHERE NOT c.from_page AND c.published_at < ${to} ${since} AND c.text <> ''`;
  return { comments: comments.count, edits: edits.count };
}

/** One purge run, for the record in comment_purges. */
export async function recordCommentPurge(sql: Queryable, run: { runAt: Date; cutoff: Date; retentionDays: number; commentsPurged: number; editsDeleted: number }): Promise<void> {
  await sql`
    INSERT INTO comment_purges (run_at, cutoff, retention_days, comments_purged, edits_deleted)
    VALUES (${run.runAt}, ${run.cutoff}, ${run.retentionDays}, ${run.commentsPurged}, ${run.editsDeleted})`;
}
