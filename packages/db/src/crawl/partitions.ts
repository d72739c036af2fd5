import type { Queryable } from '../client';
import { inTransaction } from '../transaction';

/** Advisory lock held while partitions are created ("part" in ASCII). */
const PARTITION_MAINTENANCE_LOCK_KEY = 0x70617274;

/** Tables partitioned by month, with the column they are partitioned on (migrations 0034 and 0040). */
export const MONTHLY_PARTITIONED = [
  { table: 'post_counters', key: 'observed_at' },
  { table: 'posts', key: 'published_at' },
  { table: 'comments', key: 'published_at' },
  { table: 'account_snapshots', key: 'captured_at' },
] as const;

export type MonthlyPartitionedTable = (typeof MONTHLY_PARTITIONED)[number]['table'];

/** One monthly partition: rows whose key is in [monthStart, monthEnd) (UTC months). */
export interface MonthlyPartition {
  name: string;
  monthStart: Date;
  monthEnd: Date;
}

/**
 * Creates the monthly partitions of every partitioned table from this month to `monthsAhead` months
 * after it, so that rows never land in the default partition in normal running. Idempotent; returns
 * the number of partitions created.
 */
export async function ensureMonthlyPartitions(sql: Queryable, now = new Date(), monthsAhead = 2): Promise<number> {
  const upto = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + monthsAhead, 1));
  // Workers starting together and the daily job take turns instead of creating the same partition twice.
  return inTransaction(sql, async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${PARTITION_MAINTENANCE_LOCK_KEY})`;
    let created = 0;
    for (const { table, key } of MONTHLY_PARTITIONED) {
      const [row] = await tx<{ created: number }[]>`SELECT ensure_monthly_partitions(${table}, ${key}, ${now}, ${upto}) AS created`;
      created += row!.created;
    }
    return created;
  });
}

const MONTH_SUFFIX = /_y(\d{4})m(\d{2})$/;

/** The monthly partitions of a table (named <table>_yYYYYmMM by ensure_monthly_partitions), oldest first; the default partition is not one. */
export async function monthlyPartitionsOf(sql: Queryable, table: MonthlyPartitionedTable): Promise<MonthlyPartition[]> {
  const rows = await sql<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = ${table}::regclass`;
  return rows
    .flatMap(({ name }) => {
      const match = MONTH_SUFFIX.exec(name);
      if (!match) return [];
      const [year, month] = [Number(match[1]), Number(match[2])];
      return [{ name, monthStart: new Date(Date.UTC(year, month - 1, 1)), monthEnd: new Date(Date.UTC(year, month, 1)) }];
    })
    .sort((a, b) => a.monthStart.getTime() - b.monthStart.getTime());
}
