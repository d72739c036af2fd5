import { appendAudit, inTransaction, type MonthlyPartition, monthlyPartitionsOf, type Queryable } from '@most/db';
import { markPartitionPurged, type PublishedRange, purgeCommentRange, purgedPartitionNames, recordCommentPurge } from '@most/db/scoring';

export const DEFAULT_RETENTION_DAYS = 90;

export interface PurgeResult {
  cutoff: Date;
  commentsPurged: number;
  editsDeleted: number;
  /** Monthly partitions of comments wholly past the retention period, purged and marked in this run. */
  partitionsPurged: string[];
}

/**
 * Destroys citizens' raw comment text older than the retention period (152-FZ: keep only what the
 * purpose needs). Rows, pseudonyms, classifications and SLA measurements stay; the page's own
 * replies are kept. Every run is logged in comment_purges and the audit log.
 *
 * By partition: a monthly partition of comments wholly past the retention period is purged once and
 * marked (a trigger on it blanks any text written there later), so later runs never scan it again;
 * rows are purged one by one only in the month the cutoff falls in and in the default partition.
 */
export async function purgeCommentText(sql: Queryable, options: { retentionDays?: number; now?: Date } = {}): Promise<PurgeResult> {
  const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new Error('retentionDays must be a positive integer');
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const result = await inTransaction(sql, async (tx) => {
    const partitions = await monthlyPartitionsOf(tx, 'comments');
    const marked = await purgedPartitionNames(tx);
    const wholeMonths = partitions.filter((p) => !marked.has(p.name) && p.monthEnd <= cutoff);
    // Marked first, in this transaction: a crawl writing there waits for the purge, then its text is blanked on arrival.
    for (const partition of wholeMonths) await markPartitionPurged(tx, partition.name);
    let commentsPurged = 0;
    let editsDeleted = 0;
    for (const range of rangesNotCovered(
      partitions.filter((p) => marked.has(p.name)),
      cutoff,
    )) {
      const purged = await purgeCommentRange(tx, range);
      commentsPurged += purged.comments;
      editsDeleted += purged.edits;
    }
    return { cutoff, commentsPurged, editsDeleted, partitionsPurged: wholeMonths.map((p) => p.name) };
  });
  await recordCommentPurge(sql, { runAt: now, cutoff, retentionDays, commentsPurged: result.commentsPurged, editsDeleted: result.editsDeleted });
  await appendAudit(sql, {
    actorId: null,
    actorLabel: 'retention',
    action: 'comments.purge_text',
    entityType: 'comments',
    entityId: null,
    details: {
      cutoff: cutoff.toISOString(),
      retentionDays,
      commentsPurged: result.commentsPurged,
      editsDeleted: result.editsDeleted,
      partitionsPurged: result.partitionsPurged,
    },
  });
  return result;
}

/**
 * The published_at ranges before `before` that none of `covered` holds, oldest first. Queried through
 * the partitioned table with these bounds, PostgreSQL reads only the partitions (and the default
 * partition) they overlap.
 */
export function rangesNotCovered(covered: readonly MonthlyPartition[], before: Date): PublishedRange[] {
  const ranges: PublishedRange[] = [];
  let from: Date | null = null;
  for (const { monthStart, monthEnd } of [...covered].sort((a, b) => a.monthStart.getTime() - b.monthStart.getTime())) {
    if (monthStart >= before) break;
    if (from === null || monthStart > from) ranges.push({ from, to: monthStart });
    from = monthEnd;
  }
  if (from === null || from < before) ranges.push({ from, to: before });
  return ranges;
}
